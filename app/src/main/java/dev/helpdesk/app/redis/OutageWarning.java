package dev.helpdesk.app.redis;

import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** A warning about a dependency being down, logged at most once per 30 s however often it is hit. */
public final class OutageWarning {
    private static final long INTERVAL_MS = 30_000;
    private final Logger log;
    private final String what;
    private final AtomicLong last;

    /** @param what what is degraded, e.g. "rate limiting suspended, Redis unreachable" */
    public OutageWarning(Logger log, String what) {
        this(log, what, 0);
    }

    /** Starting with {@code quietUntilMs}: no warning before that time (start-up noise). */
    public OutageWarning(Logger log, String what, long quietUntilMs) {
        this.log = log;
        this.what = what;
        this.last = new AtomicLong(quietUntilMs - INTERVAL_MS);
    }

    public void warn(Exception cause) {
        long now = System.currentTimeMillis();
        long previous = last.get();
        if (now - previous > INTERVAL_MS && last.compareAndSet(previous, now)) {
            log.warnf("%s: %s", what, cause.getMessage());
        }
    }
}
