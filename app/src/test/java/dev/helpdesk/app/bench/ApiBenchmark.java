package dev.helpdesk.app.bench;

import static dev.helpdesk.app.testing.Api.as;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Same-run measurements on one PostgreSQL: ticket creation through the HTTP API against raw
 * single-row JDBC INSERTs into a table of the same shape, and filtered lists at 100k tickets
 * against the bare SQL of the same query. Run with {@code mvn -B -pl app test -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ApiBenchmark.Unthrottled.class)
class ApiBenchmark extends HelpDeskTest {
    static final int REQUESTS = Integer.getInteger("bench.requests", 3000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    static final int TICKETS = Integer.getInteger("bench.tickets", 100_000);
    static final int LIST_REQUESTS = Integer.getInteger("bench.listRequests", 400);

    public static class Unthrottled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("RATE_LIMIT_ENABLED", "false", "SPAM_GUARD_ENABLED", "false",
                    "quarkus.log.category.\"io.quarkus.http.access-log\".level", "WARN");
        }
    }

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        String agent = Api.person(Api.admin(), "agent", null).token();
        line("HelpDesk API benchmark — %d requests, concurrency %d, %d cores, %s", REQUESTS, CONCURRENCY,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        String body = "{\"subject\":\"Benchmark ticket\",\"description\":\"Created by the API benchmark to measure throughput\","
                + "\"priority\":\"normal\",\"tags\":[\"bench\"]}";
        run(Math.max(200, REQUESTS / 10), i -> post("/api/v1/tickets", agent, body)); // warm-up
        Stats api = run(REQUESTS, i -> post("/api/v1/tickets", agent, body));

        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_raw_tickets; CREATE TABLE bench_raw_tickets (LIKE tickets INCLUDING ALL)");
        }
        long requester = requesterId();
        run(Math.max(200, REQUESTS / 10), i -> rawInsert(requester)); // warm-up
        Stats raw = run(REQUESTS, i -> rawInsert(requester));

        line("");
        line("%-44s %10s %10s %10s", "ticket creation", "ops/s", "p50 ms", "p99 ms");
        line("%-44s %10.0f %10.2f %10.2f", "HTTP API POST /api/v1/tickets", api.throughput(), api.p(50), api.p(99));
        line("%-44s %10.0f %10.2f %10.2f", "baseline: raw single-row JDBC INSERT", raw.throughput(), raw.p(50), raw.p(99));
        line("ratio API/raw: throughput %.2f, p50 latency %.1fx", api.throughput() / raw.throughput(), api.p(50) / raw.p(50));

        seed(requester);
        line("");
        line("%-58s %10s %10s", "list at " + TICKETS + " tickets (page of 25)", "p50 ms", "p99 ms");
        listCase(agent, "status=open&priority=high", "t.status = 'open' AND t.priority = 'high'");
        listCase(agent, "status=open,pending&tag=vip&sort=-createdAt", "t.status IN ('open','pending') AND t.tags @> ARRAY['vip']");
        listCase(agent, "q=printer", "t.tsv_content @@ websearch_to_tsquery('english','printer') "
                + "OR t.tsv_replies @@ websearch_to_tsquery('english','printer') OR t.tsv_notes @@ websearch_to_tsquery('english','printer')");
        Path out = Path.of("target", "benchmark-results.txt");
        Files.write(out, report);
        System.out.println("\nwritten to " + out.toAbsolutePath());
    }

    private void listCase(String token, String query, String where) throws Exception {
        Stats viaApi = run(LIST_REQUESTS, i -> get("/api/v1/tickets?" + query, token));
        String sql = "SELECT count(*) FROM tickets t WHERE " + where;
        String page = "SELECT t.* FROM tickets t WHERE " + where + " ORDER BY t.updated_at DESC, t.id DESC LIMIT 25";
        Stats bare = run(LIST_REQUESTS, i -> {
            try (Connection c = dataSource.getConnection()) {
                for (String s : new String[] {sql, page}) {
                    try (ResultSet rs = c.createStatement().executeQuery(s)) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        });
        line("%-58s %10.2f %10.2f", "HTTP API ?" + query, viaApi.p(50), viaApi.p(99));
        line("%-58s %10.2f %10.2f", "  baseline: same count + page in bare SQL", bare.p(50), bare.p(99));
    }

    /** Fills tickets up to TICKETS with a realistic mix of statuses, priorities, tags and words. */
    private void seed(long requester) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long have;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM tickets")) {
                rs.next();
                have = rs.getLong(1);
            }
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tickets (subject, description, status, priority, requester_id, tags, created_at, updated_at)
                    SELECT (ARRAY['Printer jams','VPN login fails','Invoice question','Laptop is slow','Email bounces'])[1 + g % 5] || ' #' || g,
                           'Generated ticket ' || g || ' about ' || (ARRAY['printer','network','billing','hardware','mail'])[1 + g % 5],
                           (ARRAY['new','open','pending','on_hold','solved','closed'])[1 + g % 6],
                           (ARRAY['low','normal','high','urgent'])[1 + (g / 7) % 4],
                           ?, CASE WHEN g % 10 = 0 THEN ARRAY['vip'] ELSE ARRAY['bench'] END,
                           now() - (g % 1000) * interval '1 hour', now() - (g % 900) * interval '1 hour'
                    FROM generate_series(1, ?) AS g""")) {
                ps.setLong(1, requester);
                ps.setLong(2, Math.max(0, TICKETS - have));
                ps.executeUpdate();
            }
            c.createStatement().execute("ANALYZE tickets");
            line("seeded %d tickets in %.1f s", Math.max(0, TICKETS - have), (System.nanoTime() - start) / 1e9);
        }
    }

    private long requesterId() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT min(id) FROM users WHERE role = 'agent'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void rawInsert(long requester) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_raw_tickets (subject, description, status, priority, requester_id, tags) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "Benchmark ticket");
            ps.setString(2, "Created by the API benchmark to measure throughput");
            ps.setString(3, "new");
            ps.setString(4, "normal");
            ps.setLong(5, requester);
            ps.setArray(6, c.createArrayOf("text", new String[] {"bench"}));
            ps.executeUpdate();
        }
    }

    private void post(String path, String token, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private void get(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    interface Op {
        void run(int i) throws Exception;
    }

    record Stats(long[] latenciesNs, long wallNs) {
        double throughput() {
            return latenciesNs.length / (wallNs / 1e9);
        }

        double p(int percentile) {
            long[] sorted = latenciesNs.clone();
            Arrays.sort(sorted);
            int idx = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, idx)] / 1e6;
        }
    }

    private Stats run(int n, Op op) throws Exception {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long t0 = System.nanoTime();
                    op.run(i);
                    lat[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        return new Stats(lat, wall);
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }
}
