package dev.helpdesk.app.abuse;

import dev.helpdesk.app.auth.TokenService;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.redis.OutageWarning;
import dev.helpdesk.app.redis.Redis;
import dev.helpdesk.app.web.ApiException;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Counts failed logins (never successful ones) in Redis, per account and address, per account,
 * and per address; a key over its limit is locked until its window ends. One person's typos lock
 * only that account from that address; guessing one account from many addresses, or many accounts
 * from one address, hits the wider limits. Locked attempts are refused before the password is
 * checked and are not counted, so a lockout always ends. With Redis down, logins go unthrottled (logged).
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final String COUNT_FAILURE = """
            for i, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, ARGV[1]) end
            end
            return 0""";
    // the longest remaining lock among the keys at their limit, or 0
    private static final String LOCKED_FOR = """
            local longest = 0
            for i, key in ipairs(KEYS) do
              local n = tonumber(redis.call('GET', key) or '0')
              if n >= tonumber(ARGV[i]) then
                local ttl = redis.call('TTL', key)
                if ttl > longest then longest = ttl end
              end
            end
            return longest""";
    private final Redis redis;
    private final AppConfig.LoginThrottle limits;
    private final String prefix;
    private final OutageWarning outage = new OutageWarning(LOG, "login throttling suspended, Redis unreachable");

    public LoginThrottle(Redis redis, AppConfig config) {
        this.redis = redis;
        this.limits = config.loginThrottle();
        this.prefix = config.queue().prefix() + ":login:";
    }

    /** 429 with Retry-After when this account or address is locked. */
    public void checkNotLocked(String email, String address) {
        long seconds;
        try {
            seconds = redis.sync().eval(LOCKED_FOR, ScriptOutputType.INTEGER, keys(email, address),
                    Integer.toString(limits.maxPerAccountAndAddress()), Integer.toString(limits.maxPerAccount()),
                    Integer.toString(limits.maxPerAddress()));
        } catch (RuntimeException e) {
            outage.warn(e);
            return;
        }
        if (seconds > 0) {
            throw ApiException.tooManyRequests("login-locked", "too many failed logins for this account or from this address; "
                    + "try again in " + seconds + " s, or ask an admin to reset the password", seconds);
        }
    }

    public void failed(String email, String address) {
        try {
            redis.sync().eval(COUNT_FAILURE, ScriptOutputType.INTEGER, keys(email, address), Long.toString(limits.lockoutSeconds()));
        } catch (RuntimeException e) {
            outage.warn(e);
        }
    }

    /** The right password from this address: its own typos are forgiven (the wider counters stay). */
    public void succeeded(String email, String address) {
        try {
            redis.sync().del(keys(email, address)[0]);
        } catch (RuntimeException e) {
            outage.warn(e);
        }
    }

    private String[] keys(String email, String address) {
        // hashed, so Redis holds no email addresses
        String account = TokenService.sha256Hex(email.trim().toLowerCase(Locale.ROOT)).substring(0, 32);
        return List.of(prefix + "pair:" + account + ":" + address, prefix + "account:" + account, prefix + "address:" + address)
                .toArray(String[]::new);
    }
}
