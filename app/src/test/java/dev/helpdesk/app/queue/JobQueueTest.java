package dev.helpdesk.app.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.standalone.EmbeddedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The job queue on a real Redis: delivery, retries with growing delays, dead letters, reclaiming from a dead worker. */
class JobQueueTest {
    static RedisServer server;
    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;
    JobQueue queue;

    @BeforeAll
    static void redis() throws Exception {
        int port = EmbeddedServers.freePort();
        server = EmbeddedServers.redis(Files.createTempDirectory("queue-test"), port, false);
        client = RedisClient.create("redis://127.0.0.1:" + port);
        connection = client.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        client.shutdown();
        server.stop();
    }

    @BeforeEach
    void freshQueue() {
        String name = "q" + UUID.randomUUID().toString().substring(0, 8);
        queue = new JobQueue(connection::sync, new QueueSettings("helpdesk", name, 3, 400, true, name + "-dead", Duration.ofMillis(300), 100_000));
        queue.ensureGroup();
    }

    static Job job(String type) {
        return new Job(UUID.randomUUID().toString(), type, Map.of("ticketId", "42"), 1);
    }

    @Test
    void aSucceedingJobRunsOnceAndLeavesNothingBehind() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Worker w = new Worker(queue, Map.of("ping", j -> seen.add(j.id())), "w", 2).start()) {
            Job j = job("ping");
            queue.enqueue(j);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.stats().equals(new JobQueue.Stats(0, 0, 0, 0)));
            assertThat(seen).containsExactly(j.id());
        }
    }

    @Test
    void aThrowingHandlerIsRetriedWithGrowingDelaysThenDeadLettered() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        try (Worker w = new Worker(queue, Map.of("boom", j -> {
            attempts.add(System.currentTimeMillis());
            throw new IllegalStateException("smtp said no");
        }), "w", 1).start()) {
            queue.enqueue(job("boom"));
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.stats().deadLetter() == 1);
            assertThat(attempts).hasSize(3);
            long first = attempts.get(1) - attempts.get(0);
            long second = attempts.get(2) - attempts.get(1);
            // idle workers poll every 200 ms, so each delay is the back-off plus at most one poll interval
            assertThat(first).isBetween(400L, 400L + 2 * Worker.IDLE_WAIT_MS);
            assertThat(second).isGreaterThanOrEqualTo(800).isGreaterThan(first);
            assertThat(w.retried()).isEqualTo(2);
            // the dead letter is written before the worker counts the failure: wait for the count, not just the letter
            await().atMost(Duration.ofSeconds(5)).until(() -> w.failed() == 1);
        }
        var dead = connection.sync().xrange(queue.settings().deadLetterKey(), io.lettuce.core.Range.create("-", "+"));
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.getBody().get("error")).isEqualTo("smtp said no");
            assertThat(m.getBody().get("job")).contains("\"type\":\"boom\"");
        });
        assertThat(queue.stats()).isEqualTo(new JobQueue.Stats(0, 0, 0, 1));
    }

    @Test
    void deadLettersCanBeReplayed() {
        AtomicInteger calls = new AtomicInteger();
        try (Worker w = new Worker(queue, Map.of("flaky", j -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("down");
            }
        }), "w", 1).start()) {
            queue.enqueue(job("flaky"));
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.stats().deadLetter() == 1);
            assertThat(queue.replayDeadLetters()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> w.processed() == 1);
            assertThat(queue.stats()).isEqualTo(new JobQueue.Stats(0, 0, 0, 0));
        }
    }

    @Test
    void aJobHeldByAWorkerThatDiedIsReclaimedByAnother() {
        Job j = job("mail");
        queue.enqueue(j);
        // worker A takes the job and dies before acknowledging it
        List<JobQueue.Delivery> taken = queue.poll("dead-worker", 1, Duration.ofMillis(100));
        assertThat(taken).singleElement().satisfies(d -> assertThat(d.job().id()).isEqualTo(j.id()));
        assertThat(queue.stats().active()).isEqualTo(1);

        List<String> seen = new CopyOnWriteArrayList<>();
        try (Worker b = new Worker(queue, Map.of("mail", job -> seen.add(job.id())), "b", 1).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        }
        assertThat(seen).containsExactly(j.id());
        assertThat(queue.stats()).isEqualTo(new JobQueue.Stats(0, 0, 0, 0));
    }

    @Test
    void anUnknownJobTypeIsNotSilentlyDropped() {
        try (Worker w = new Worker(queue, Map.of(), "w", 1).start()) {
            queue.enqueue(job("mystery"));
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.stats().deadLetter() == 1);
        }
    }

    @Test
    void backoffDoublesFromTheConfiguredDelay() {
        QueueSettings s = queue.settings();
        assertThat(s.delayBeforeAttempt(2)).isEqualTo(400);
        assertThat(s.delayBeforeAttempt(3)).isEqualTo(800);
        assertThat(s.delayBeforeAttempt(4)).isEqualTo(1600);
    }
}
