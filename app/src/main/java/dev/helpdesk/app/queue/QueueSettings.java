package dev.helpdesk.app.queue;

import java.time.Duration;

/** Queue names and retry rules (HELPDESK_QUEUE_PREFIX, HELPDESK_QUEUE, WORKER_*). */
public record QueueSettings(String prefix, String queue, int maxAttempts, long backoffMs, boolean deadLetterEnabled,
                            String deadLetterName, Duration claimIdle, long maxBacklog) {

    public String streamKey() {
        return prefix + ":" + queue;
    }

    public String delayedKey() {
        return streamKey() + ":delayed";
    }

    public String deadLetterKey() {
        return prefix + ":" + deadLetterName;
    }

    public String group() {
        return "workers";
    }

    /** Exponential back-off: backoffMs, then ×2 for every further attempt. */
    public long delayBeforeAttempt(int attempt) {
        return backoffMs * (1L << Math.min(20, Math.max(0, attempt - 2)));
    }
}
