package dev.helpdesk.app.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.live.TicketEvents;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two workers scanning the same desk at the same moment, over more due tickets than one batch
 * holds: every reminder and every breach is recorded, queued for mailing and announced once.
 */
@QuarkusTest
@TestProfile(SlaScanConcurrencyTest.OwnDesk.class)
class SlaScanConcurrencyTest extends HelpDeskTest {
    /** A desk of its own; no scheduled jobs, so the outbox keeps the jobs the scans wrote for the test to count. */
    public static class OwnDesk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SLA_REMINDER_LEAD_MINUTES", "30", "quarkus.scheduler.enabled", "false");
        }
    }

    private static final int PER_KIND = 1200;

    @Inject
    SlaScanner scanner;

    @Inject
    TicketEvents events;

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource dataSource;

    @Test
    void twoWorkersScanningAtOnceEmitEveryReminderAndBreachExactlyOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            seed(c);
        }
        double breachesBefore = metrics.counter("helpdesk.sla.breaches").count();
        double remindersBefore = metrics.counter("helpdesk.sla.reminders").count();
        Queue<Long> heard = new ConcurrentLinkedQueue<>();
        Runnable stop = events.listen(change -> heard.add(change.ticketId()));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        int emitted = 0;
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> scans = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                scans.add(workers.submit(() -> {
                    together.await();
                    return scanner.scan();
                }));
            }
            for (Future<Integer> scan : scans) {
                emitted += scan.get();
            }
            Awaitility.await("the open pages hear of every ticket that turned at risk or breached")
                    .atMost(Duration.ofSeconds(20)).until(() -> heard.size() >= 2 * PER_KIND);
        } finally {
            workers.shutdown();
            stop.run();
        }

        assertThat(emitted).as("notices reported by the two scans together").isEqualTo(2 * PER_KIND);
        assertThat(scanner.scan()).as("a later scan repeats nothing").isZero();
        try (Connection c = dataSource.getConnection()) {
            assertThat(Sql.list(c, "SELECT t.subject || ' ' || n.kind || ' ' || n.metric FROM sla_notifications n JOIN tickets t ON t.id = n.ticket_id",
                    rs -> rs.getString(1))).as("one notice per clock and deadline").hasSize(2 * PER_KIND).doesNotHaveDuplicates()
                    .allMatch(n -> n.matches("at risk \\d+ reminder first_response|overdue \\d+ breach first_response"));
            assertThat(Sql.list(c, "SELECT o.type || ' ' || t.subject FROM outbox o JOIN tickets t ON t.id = (o.payload->>'ticketId')::bigint "
                    + "WHERE o.type LIKE 'sla.%' AND o.payload->>'metric' = 'first_response'", rs -> rs.getString(1)))
                    .as("one mail job per notice").hasSize(2 * PER_KIND).doesNotHaveDuplicates()
                    .allMatch(j -> j.matches("sla\\.reminder at risk \\d+|sla\\.breach overdue \\d+"));
            assertThat(Sql.count(c, "SELECT count(*) FROM outbox o JOIN sla_notifications n ON n.ticket_id = (o.payload->>'ticketId')::bigint "
                    + "AND n.due_at = (o.payload->>'due')::timestamptz")).as("each job names its notice's deadline").isEqualTo(2 * PER_KIND);
            assertThat(Sql.count(c, "SELECT count(*) FROM tickets WHERE subject LIKE 'plenty of time%' AND sla_next_due > now() + interval '30 minutes'"))
                    .as("tickets with time to spare get their real deadline and no notice").isEqualTo(PER_KIND);
        }
        assertThat(heard).as("each changed ticket announced once").hasSize(2 * PER_KIND).doesNotHaveDuplicates();
        assertThat(metrics.counter("helpdesk.sla.breaches").count() - breachesBefore).isEqualTo(PER_KIND);
        assertThat(metrics.counter("helpdesk.sla.reminders").count() - remindersBefore).isEqualTo(PER_KIND);
    }

    /** Three kinds of ticket under a one-hour first response, all marked due so the scans look at each. */
    private static void seed(Connection c) throws Exception {
        try (var st = c.createStatement()) {
            st.execute("INSERT INTO sla_policies (name, position, targets) VALUES ('Hour', 0, "
                    + "'{\"normal\": {\"first_response\": {\"minutes\": 60, \"businessHours\": false}, "
                    + "\"resolution\": {\"minutes\": 6000, \"businessHours\": false}}}')");
            st.execute("INSERT INTO users (email, name, role) VALUES ('requester@example.com', 'Requester', 'customer')");
            st.execute("INSERT INTO tickets (subject, description, status, priority, requester_id, created_at, sla_next_due) "
                    + "SELECT k.subject || ' ' || g, 'd', 'new', 'normal', u.id, now() - k.age, now() - interval '1 minute' "
                    + "FROM generate_series(1, " + PER_KIND + ") g, (SELECT id FROM users WHERE email = 'requester@example.com') u, "
                    + "(VALUES ('at risk', interval '50 minutes'), ('overdue', interval '2 hours'), ('plenty of time', interval '5 minutes')) "
                    + "AS k(subject, age)");
            st.execute("INSERT INTO audit_events (entity_type, entity_id, ticket_id, action, changes, created_at) "
                    + "SELECT 'ticket', id, id, 'created', '{\"status\": {\"from\": null, \"to\": \"new\"}}', created_at FROM tickets");
        }
    }
}
