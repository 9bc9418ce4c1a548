package dev.helpdesk.app.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A reliable job queue on a Redis Stream with a consumer group: jobs are acknowledged only
 * after their handler finished; failures are retried with exponential back-off through a
 * delayed sorted set, then dead-lettered with their error; jobs held too long by a consumer
 * that died are claimed by another (XAUTOCLAIM).
 */
public class JobQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    // moves due retries into the stream atomically, so two workers never move the same one twice
    private static final String PROMOTE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
            for _, job in ipairs(due) do
              if redis.call('ZREM', KEYS[1], job) == 1 then
                redis.call('XADD', KEYS[2], '*', 'job', job)
              end
            end
            return #due""";

    private final Supplier<RedisCommands<String, String>> redis;
    private final QueueSettings settings;

    public JobQueue(Supplier<RedisCommands<String, String>> redis, QueueSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    public QueueSettings settings() {
        return settings;
    }

    public void ensureGroup() {
        try {
            redis.get().xgroupCreate(XReadArgs.StreamOffset.from(settings.streamKey(), "0"), settings.group(),
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // BUSYGROUP: it exists
        }
    }

    /**
     * Adds a job. The stream is never trimmed: an entry leaves it only when it is acknowledged
     * (see {@link #acknowledge}), so a backlog can never push out jobs nobody has done yet. Its
     * size is bounded upstream instead: the outbox relay stops at {@link #room()}.
     */
    public String enqueue(Job job) {
        return redis.get().xadd(settings.streamKey(), Map.of("job", write(job)));
    }

    /** How many more jobs the stream may take before HELPDESK_QUEUE_MAX_BACKLOG (waiting and in-flight) is reached. */
    public long room() {
        return Math.max(0, settings.maxBacklog() - redis.get().xlen(settings.streamKey()));
    }

    /** A delivered job and the stream entry to acknowledge. */
    public record Delivery(String entryId, Job job, boolean reclaimed) {}

    /** Up to {@code count} jobs for this consumer: due retries first become ready, stale ones are reclaimed, then new ones. */
    public List<Delivery> poll(String consumer, int count, Duration block) {
        RedisCommands<String, String> r = redis.get();
        r.eval(PROMOTE, ScriptOutputType.INTEGER, new String[] {settings.delayedKey(), settings.streamKey()},
                Long.toString(System.currentTimeMillis()));
        List<Delivery> out = new ArrayList<>();
        ClaimedMessages<String, String> claimed = r.xautoclaim(settings.streamKey(), XAutoClaimArgs.Builder
                .xautoclaim(Consumer.from(settings.group(), consumer), settings.claimIdle(), "0-0").count(count));
        for (StreamMessage<String, String> m : claimed.getMessages()) {
            out.add(new Delivery(m.getId(), read(m.getBody().get("job")), true));
        }
        if (out.size() < count) {
            // BLOCK would hold the shared connection for everyone else, so callers wait between empty polls instead
            XReadArgs args = XReadArgs.Builder.count(count - out.size());
            if (!block.isZero()) {
                args.block(block);
            }
            List<StreamMessage<String, String>> fresh = r.xreadgroup(Consumer.from(settings.group(), consumer),
                    args, XReadArgs.StreamOffset.lastConsumed(settings.streamKey()));
            for (StreamMessage<String, String> m : fresh) {
                out.add(new Delivery(m.getId(), read(m.getBody().get("job")), false));
            }
        }
        return out;
    }

    public void complete(Delivery d) {
        RedisCommands<String, String> r = redis.get();
        acknowledge(r, d);
        r.incr(settings.streamKey() + ":completed");
    }

    /** ACK and delete: the stream then holds only waiting and in-flight jobs, which keeps the figures exact. */
    private void acknowledge(RedisCommands<String, String> r, Delivery d) {
        r.xack(settings.streamKey(), settings.group(), d.entryId());
        r.xdel(settings.streamKey(), d.entryId());
    }

    /** After a failure: schedule the next attempt with back-off, or dead-letter the job with its error. */
    public Outcome fail(Delivery d, Throwable error) {
        RedisCommands<String, String> r = redis.get();
        Job next = d.job().nextAttempt();
        Outcome outcome;
        if (next.attempt() <= settings.maxAttempts()) {
            long readyAt = System.currentTimeMillis() + settings.delayBeforeAttempt(next.attempt());
            r.zadd(settings.delayedKey(), readyAt, write(next));
            outcome = Outcome.RETRY_SCHEDULED;
        } else if (settings.deadLetterEnabled()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("job", write(d.job()));
            entry.put("error", String.valueOf(error.getMessage()));
            entry.put("errorType", error.getClass().getName());
            entry.put("failedAt", java.time.Instant.now().toString());
            r.xadd(settings.deadLetterKey(), entry);
            outcome = Outcome.DEAD_LETTERED;
        } else {
            outcome = Outcome.DROPPED;
        }
        if (outcome != Outcome.RETRY_SCHEDULED) {
            r.incr(settings.streamKey() + ":failed");
        }
        acknowledge(r, d);
        return outcome;
    }

    public enum Outcome { RETRY_SCHEDULED, DEAD_LETTERED, DROPPED }

    /** Moves every dead-lettered job back into the queue with a fresh attempt count; returns how many. */
    public int replayDeadLetters() {
        RedisCommands<String, String> r = redis.get();
        int moved = 0;
        for (StreamMessage<String, String> m : r.xrange(settings.deadLetterKey(), Range.create("-", "+"))) {
            Job job = read(m.getBody().get("job"));
            enqueue(new Job(job.id(), job.type(), job.payload(), 1));
            r.xdel(settings.deadLetterKey(), m.getId());
            moved++;
        }
        return moved;
    }

    /** Queue figures for /api/status and the health role. */
    public record Stats(long waiting, long active, long delayed, long deadLetter) {}

    /** Jobs completed and finally failed since the queue was created (counted in Redis, across workers). */
    public record Totals(long completed, long failed) {}

    public Totals totals() {
        RedisCommands<String, String> r = redis.get();
        return new Totals(number(r.get(settings.streamKey() + ":completed")), number(r.get(settings.streamKey() + ":failed")));
    }

    private static long number(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    public Stats stats() {
        RedisCommands<String, String> r = redis.get();
        long length = r.xlen(settings.streamKey());
        long pending;
        try {
            pending = length == 0 ? 0 : r.xpending(settings.streamKey(), settings.group()).getCount();
        } catch (io.lettuce.core.RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOGROUP")) {
                throw e;
            }
            pending = 0; // jobs queued before any worker started: all of them are waiting
        }
        return new Stats(Math.max(0, length - pending), pending, r.zcard(settings.delayedKey()), r.xlen(settings.deadLetterKey()));
    }

    private static String write(Job job) {
        try {
            return JSON.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Job read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Job>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job: " + e.getOriginalMessage(), e);
        }
    }
}
