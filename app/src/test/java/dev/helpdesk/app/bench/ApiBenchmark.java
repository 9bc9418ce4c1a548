package dev.helpdesk.app.bench;


import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * Same-run measurements on one PostgreSQL: ticket creation through the HTTP API against the same
 * rows (ticket + audit row, one transaction) written over JDBC, and filtered lists on a seeded desk
 * ({@link BenchDesk}) against the bare SQL of the same page. Run with {@code mvn -B -pl app test -Pbenchmark}
 * ({@code -Dbench.tickets=1000000} for a million tickets).
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ApiBenchmark.Unthrottled.class)
class ApiBenchmark extends HelpDeskTest {
    static final int REQUESTS = Integer.getInteger("bench.requests", 3000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    static final int TICKETS = Integer.getInteger("bench.tickets", 100_000);
    static final int LIST_REQUESTS = Integer.getInteger("bench.listRequests", 400);
    /** Requests before each measurement: the JIT compiles a request's whole path only after a few thousand (300 left creation at 60 %). */
    static final int WARMUP = Integer.getInteger("bench.warmup", 3000);

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

    private BenchHttp http;
    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        try (BenchHttp client = new BenchHttp(base)) {
            http = client;
            measureAll();
        }
    }

    private void measureAll() throws Exception {
        String admin = Api.admin();
        String agent = Api.person(admin, "agent", null).token();
        line("HelpDesk API benchmark — %d requests, concurrency %d, %d cores, %s; %s", REQUESTS, CONCURRENCY,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), durability());
        BenchDesk.policy(admin); // every ticket gets SLA clocks, as on a real desk

        long start = System.nanoTime();
        long added = BenchDesk.fill(dataSource, TICKETS);
        line("");
        line("seeded %d tickets (with comments, audit rows, an SLA policy on business hours) in %.1f s", added, (System.nanoTime() - start) / 1e9);
        line("%-60s %9s %9s %9s", "list at " + TICKETS + " tickets (page of 25, as an agent)", "p50 ms", "p99 ms", "ratio p99");
        listCase(agent, "status=open&priority=high", "t.status = 'open' AND t.priority = 'high'", "t.updated_at DESC, t.id DESC");
        listCase(agent, "status=open,pending&tag=vip&sort=-createdAt", "t.status IN ('open','pending') AND t.tags @> ARRAY['vip']",
                "t.created_at DESC, t.id DESC");
        listCase(agent, "q=printer", "(t.tsv_content @@ websearch_to_tsquery('english','printer') "
                + "OR t.tsv_replies @@ websearch_to_tsquery('english','printer') OR t.tsv_notes @@ websearch_to_tsquery('english','printer'))",
                "t.updated_at DESC, t.id DESC");
        // a ticket number: one match in the whole desk, the case a walk in date order cannot stop early for
        listCase(agent, "q=4242", "(t.tsv_content @@ websearch_to_tsquery('english','4242') "
                + "OR t.tsv_replies @@ websearch_to_tsquery('english','4242') OR t.tsv_notes @@ websearch_to_tsquery('english','4242'))",
                "(t.updated_at + interval '0 s') DESC, t.id DESC");
        line("ratio = API p99 / baseline p99 (goal: API p99 < 50 ms and within 3x of the bare page + total)");

        // creation last, on the full desk: thousands of identical new tickets would otherwise be the newest a search looks at first
        String body = "{\"subject\":\"Benchmark ticket\",\"description\":\"Created by the API benchmark to measure throughput\","
                + "\"priority\":\"normal\",\"tags\":[\"bench\"]}";
        run(WARMUP, i -> post("/api/v1/tickets", agent, body)); // warm-up
        Stats api = run(REQUESTS, i -> post("/api/v1/tickets", agent, body));

        long requester = requesterId();
        run(WARMUP, i -> bareCreate(requester)); // warm-up
        Stats bare = run(REQUESTS, i -> bareCreate(requester));

        line("");
        line("%-52s %10s %10s %10s", "ticket creation (" + CONCURRENCY + " clients)", "ops/s", "p50 ms", "p99 ms");
        line("%-52s %10.0f %10.2f %10.2f", "HTTP API POST /api/v1/tickets", api.throughput(), api.p(50), api.p(99));
        line("%-52s %10.0f %10.2f %10.2f", "baseline: ticket + audit row over JDBC, one tx", bare.throughput(), bare.p(50), bare.p(99));
        line("ratio API/bare: throughput %.2f (goal >= 0.5, and >= 1000/s)", api.throughput() / bare.throughput());
        Path out = Path.of("target", "benchmark-results.txt");
        Files.write(out, report);
        System.out.println("\nwritten to " + out.toAbsolutePath());
    }

    /** The page the endpoint would ideally run, bare over JDBC: the rows alone, and with the total the answer carries. */
    private void listCase(String token, String query, String where, String order) throws Exception {
        String page = "SELECT t.* FROM tickets t WHERE " + where + " ORDER BY " + order + " LIMIT 25";
        String total = "EXPLAIN (FORMAT JSON) SELECT 1 FROM tickets t WHERE " + where; // how the endpoint finds a large total
        int warmup = Math.min(WARMUP, LIST_REQUESTS);
        run(warmup, i -> get("/api/v1/tickets?" + query, token));
        Stats viaApi = run(LIST_REQUESTS, i -> get("/api/v1/tickets?" + query, token));
        run(warmup, i -> bareQueries(page, total));
        Stats pageOnly = run(LIST_REQUESTS, i -> bareQueries(page));
        Stats pageAndTotal = run(LIST_REQUESTS, i -> bareQueries(page, total));
        line("%-60s %9.2f %9.2f", "HTTP API ?" + query, viaApi.p(50), viaApi.p(99));
        line("%-60s %9.2f %9.2f %9.2f", "  baseline: the page in bare SQL", pageOnly.p(50), pageOnly.p(99), viaApi.p(99) / pageOnly.p(99));
        line("%-60s %9.2f %9.2f %9.2f", "  baseline: the page + the planner's total estimate, bare", pageAndTotal.p(50),
                pageAndTotal.p(99), viaApi.p(99) / pageAndTotal.p(99));
    }

    private void bareQueries(String... queries) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : queries) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
    }

    /** The database's durability settings, printed with the figures: the benchmark runs with what a user gets. */
    private String durability() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rs.next();
            return "PostgreSQL fsync=" + rs.getString(1) + ", synchronous_commit=" + rs.getString(2);
        }
    }

    private long requesterId() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT min(id) FROM users WHERE role = 'agent'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows a created ticket needs, written the bare way: the ticket and its audit row in one transaction. */
    private void bareCreate(long requester) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (subject, description, status, priority, requester_id, tags) "
                    + "VALUES (?, ?, 'new', 'normal', ?, ?) RETURNING id")) {
                ps.setString(1, "Benchmark ticket");
                ps.setString(2, "Created by the API benchmark to measure throughput");
                ps.setLong(3, requester);
                ps.setArray(4, c.createArrayOf("text", new String[] {"bench"}));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes) "
                    + "VALUES ('ticket', ?, ?, ?, 'created', ?::jsonb)")) {
                ps.setLong(1, id);
                ps.setLong(2, id);
                ps.setLong(3, requester);
                ps.setString(4, "{\"status\":{\"to\":\"new\"},\"priority\":{\"to\":\"normal\"},\"subject\":{\"to\":\"Benchmark ticket\"}}");
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    private void post(String path, String token, String json) throws Exception {
        BenchHttp.Response r = http.send("POST", path, token, json);
        if (r.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
        }
    }

    private void get(String path, String token) throws Exception {
        BenchHttp.Response r = http.send("GET", path, token, null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
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
