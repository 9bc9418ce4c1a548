package dev.helpdesk.app.queue;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.redis.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

public class QueueProducer {
    /** A job held this long without an ACK belongs to a worker that died; another takes it over. */
    static final Duration CLAIM_IDLE = Duration.ofMinutes(2);

    @Produces
    @Singleton
    JobQueue jobQueue(Redis redis, AppConfig config) {
        AppConfig.Queue q = config.queue();
        return new JobQueue(redis::sync, new QueueSettings(q.prefix(), q.name(), q.maxAttempts(), q.backoffMs(),
                q.deadLetterEnabled(), q.deadLetterName(), CLAIM_IDLE, q.maxBacklog()));
    }
}
