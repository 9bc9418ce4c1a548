package dev.helpdesk.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backlog larger than the queue may hold waits in the outbox (PostgreSQL); nothing is trimmed
 * from the Redis stream, so every job is delivered once workers catch up, and none twice.
 */
@QuarkusTest
@TestProfile(QueueBacklogTest.SmallQueue.class)
class QueueBacklogTest extends HelpDeskTest {
    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("HELPDESK_QUEUE_MAX_BACKLOG", "20");
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    JobQueue queue;

    @Test
    void aBacklogBeyondTheQueueLimitWaitsInTheOutboxAndIsDeliveredCompletely() {
        queue.ensureGroup();
        String agent = Api.person(Api.admin(), "agent", null).token();
        for (int i = 0; i < 75; i++) {
            Api.ticket(agent, "backlog " + i); // each writes one ticket.created job to the outbox
        }
        // no worker yet: the relay fills the queue up to its limit and leaves the rest in the outbox
        relay.publish();
        relay.publish();
        assertThat(queue.stats().waiting()).isEqualTo(20);
        assertThat(relay.waiting()).isGreaterThanOrEqualTo(55);

        Map<String, Integer> delivered = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int round = 0; round < 100 && (relay.waiting() > 0 || queue.stats().waiting() > 0); round++) {
            for (JobQueue.Delivery d : queue.poll("backlog-worker", 7, Duration.ZERO)) {
                delivered.merge(d.job().id(), 1, Integer::sum);
                order.add(d.job().id());
                queue.complete(d);
            }
            relay.publish();
            assertThat(queue.stats().waiting() + queue.stats().active()).isLessThanOrEqualTo(20);
        }
        assertThat(relay.waiting()).isZero();
        assertThat(delivered).hasSizeGreaterThanOrEqualTo(75).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }
}
