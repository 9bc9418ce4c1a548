package dev.helpdesk.app.bench;

import dev.helpdesk.app.queue.Job;
import dev.helpdesk.app.queue.JobQueue;
import dev.helpdesk.app.queue.QueueSettings;
import dev.helpdesk.app.queue.Worker;
import dev.helpdesk.app.sla.BusinessCalendar;
import dev.helpdesk.app.sla.OpeningWindow;
import dev.helpdesk.app.sla.SlaRepository;
import dev.helpdesk.app.sla.SlaScanner;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Same-run baselines for the SLA engine and the job queue: business-time due dates per second
 * (vs. plain Instant arithmetic), the SLA scan over 1,000,000 open tickets with history and 1% due
 * on a business-hours policy ({@link SlaDeskSeed}; vs. the bare indexed range query), and queue
 * throughput end to end (vs. raw XADD/XREADGROUP/XACK).
 * Run with {@code mvn -B -pl app test -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(SlaQueueBenchmark.Quiet.class)
class SlaQueueBenchmark extends HelpDeskTest {
    static final int TICKETS = Integer.getInteger("bench.openTickets", 1_000_000);
    static final int JOBS = Integer.getInteger("bench.jobs", 20_000);

    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"dev.helpdesk\".level", "WARN");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    SlaScanner scanner;

    @Inject
    SlaRepository slaRepository;

    @ConfigProperty(name = "REDIS_URL")
    String redisUrl;

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        line("SLA and queue benchmark, %d cores, Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        dueDates();
        scan();
        queue();
        Files.write(Path.of("target", "benchmark-results-sla-queue.txt"), report);
    }

    private void dueDates() {
        List<OpeningWindow> windows = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            windows.add(new OpeningWindow(d, LocalTime.of(8, 0), LocalTime.of(12, 0)));
            windows.add(new OpeningWindow(d, LocalTime.of(13, 0), LocalTime.of(18, 0)));
        }
        BusinessCalendar cal = new BusinessCalendar(ZoneId.of("Europe/Berlin"), windows, Set.of(LocalDate.parse("2026-12-25")));
        Instant start = Instant.parse("2026-11-02T07:00:00Z");
        int n = 1_000_000;
        long sink = 0;
        for (int i = 0; i < 1_000_000; i++) { // warm-up: 20,000 calls left the arithmetic half compiled
            sink += cal.addBusinessMinutes(start.plusSeconds(i * 97L), 240 + i % 960).getEpochSecond();
            sink += start.plusSeconds(i * 97L).plus(Duration.ofMinutes(240 + i % 960)).getEpochSecond();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += cal.addBusinessMinutes(start.plusSeconds(i * 97L), 240 + i % 960).getEpochSecond();
        }
        double business = n / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += start.plusSeconds(i * 97L).plus(Duration.ofMinutes(240 + i % 960)).getEpochSecond();
        }
        double plain = n / ((System.nanoTime() - t0) / 1e9);
        line("");
        line("%-52s %14s", "due-date computation (4 h–20 h targets)", "per second");
        line("%-52s %14.0f", "business time (2 windows/day, holiday, DST zone)", business);
        line("%-52s %14.0f", "baseline: Instant + Duration", plain);
        line("ratio business/plain: %.4f   (checksum %d)", business / plain, sink % 7);
    }

    private void scan() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long t0 = System.nanoTime();
            SlaDeskSeed.seed(c, slaRepository, TICKETS);
            line("");
            line("seeded %d open tickets with history (1%% due, business-hours policy) in %.1f s", TICKETS, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            long found = 0;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT id FROM tickets WHERE sla_next_due <= now() + interval '30 minutes' ORDER BY sla_next_due")) {
                while (rs.next()) {
                    found++;
                }
            }
            double bare = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            int emitted = 0;
            int pass;
            do {
                pass = scanner.scan();
                emitted += pass;
            } while (pass > 0);
            double scanMs = (System.nanoTime() - t0) / 1e6;
            line("%-52s %14s", "SLA scan of all due tickets", "ms");
            line("%-52s %14.1f", "scanner (lock, re-evaluate, store, notify once)", scanMs);
            line("%-52s %14.1f", "baseline: bare indexed range query", bare);
            line("ratio scan/range query: %.1f   (%d due found, %d breach notices, %.2f ms per ticket)", scanMs / bare, found, emitted,
                    scanMs / Math.max(1, found));
        }
    }

    private void queue() throws Exception {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> r = conn.sync();
            String name = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            // raw: XADD, then XREADGROUP + XACK in batches of 1 (as a worker takes jobs)
            String stream = "raw:" + name;
            r.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "g", io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
            long t0 = System.nanoTime();
            for (int i = 0; i < JOBS; i++) {
                r.xadd(stream, Map.of("job", "{\"id\":\"" + i + "\"}"));
            }
            for (int i = 0; i < JOBS; i++) {
                List<StreamMessage<String, String>> m = r.xreadgroup(Consumer.from("g", "c"), XReadArgs.Builder.count(1),
                        XReadArgs.StreamOffset.lastConsumed(stream));
                r.xack(stream, "g", m.get(0).getId());
            }
            double raw = JOBS / ((System.nanoTime() - t0) / 1e9);

            JobQueue queue = new JobQueue(conn::sync, new QueueSettings("bench", name, 3, 1000, true, name + "-dead", Duration.ofMinutes(2), 10_000_000));
            queue.ensureGroup();
            AtomicLong done = new AtomicLong();
            t0 = System.nanoTime();
            for (int i = 0; i < JOBS; i++) {
                queue.enqueue(new Job("b" + i, "noop", Map.of(), 1));
            }
            try (Worker w = new Worker(queue, Map.of("noop", j -> done.incrementAndGet()), "bench", 1).start()) {
                while (done.get() < JOBS) {
                    Thread.sleep(5);
                }
            }
            double full = JOBS / ((System.nanoTime() - t0) / 1e9);
            line("");
            line("%-52s %14s", "queue throughput (" + JOBS + " jobs, one consumer)", "jobs/s");
            line("%-52s %14.0f", "JobQueue + Worker (promote, claim, read, ack+del)", full);
            line("%-52s %14.0f", "baseline: raw XADD / XREADGROUP / XACK", raw);
            line("ratio queue/raw: %.2f", full / raw);
        } finally {
            client.shutdown();
        }
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }
}
