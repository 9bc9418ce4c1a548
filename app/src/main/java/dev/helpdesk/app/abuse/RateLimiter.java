package dev.helpdesk.app.abuse;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.redis.OutageWarning;
import dev.helpdesk.app.redis.Redis;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Fixed-window request counting in Redis, shared by every app replica. When Redis is down the
 * limiter lets requests through (logged, at most every 30 s): losing limits briefly is better
 * than refusing all traffic.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String INCR_WITH_TTL =
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";
    private final Redis redis;
    private final AppConfig.RateLimit config;
    private final String keyPrefix;
    private final OutageWarning outage = new OutageWarning(LOG, "rate limiting suspended, Redis unreachable");

    public RateLimiter(Redis redis, AppConfig config) {
        this.redis = redis;
        this.config = config.rateLimit();
        this.keyPrefix = config.queue().prefix() + ":ratelimit:";
    }

    /** Milliseconds to wait before retrying, or 0 when the request is admitted. */
    public long acquire(String client, String route, long nowMs) {
        long window = config.windowMs();
        long windowStart = nowMs - (nowMs % window);
        String key = keyPrefix + route + ":" + client + ":" + windowStart;
        long count;
        try {
            count = redis.sync().eval(INCR_WITH_TTL, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(window + 1000));
        } catch (RuntimeException e) {
            outage.warn(e);
            return 0;
        }
        return count > config.maxRequests() ? windowStart + window - nowMs : 0;
    }

    public boolean appliesTo(String path) {
        if (!config.enabled()) {
            return false;
        }
        for (String exempt : config.disabledRoutes()) {
            if (path.equals(exempt) || path.startsWith(exempt.endsWith("/") ? exempt : exempt + "/")) {
                return false;
            }
        }
        return true;
    }

    public int maxRequests() {
        return config.maxRequests();
    }
}
