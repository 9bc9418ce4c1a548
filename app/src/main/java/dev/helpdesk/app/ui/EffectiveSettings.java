package dev.helpdesk.app.ui;

import dev.helpdesk.app.config.AppConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The configuration the desk runs with, by the environment variable that sets it, for the
 * settings page. Secrets never leave here: passwords, keys and the credentials inside URLs are
 * shown as {@link #MASK}, whether they are set is all the page says.
 */
final class EffectiveSettings {
    static final String MASK = "••••";
    // query parameters of a URL that carry credentials (JDBC's password=, a presigned signature, …)
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&][^=&]*(?:pass|secret|key|token|signature|credential)[^=&]*=)[^&]*");

    /** One setting; {@code secret} ones show {@link #MASK} or "not set", never their value. */
    public record Setting(String group, String name, String value, boolean secret) {}

    /** The settings of one area, as the page groups them. */
    public record Section(String name, List<Setting> settings) {}

    private final List<Setting> rows = new ArrayList<>();
    private String group;

    private EffectiveSettings() {}

    static List<Setting> of(AppConfig c) {
        EffectiveSettings s = new EffectiveSettings();
        s.group("Connections")
                .add("DATABASE_URL", url(c.database().jdbcUrl()))
                .add("DATABASE_URL user", c.database().username())
                .secret("DATABASE_URL password", c.database().password())
                .add("REDIS_URL", url(c.redisUrl()))
                .add("HELPDESK_PUBLIC_URL", c.http().publicUrl().map(u -> url(u.toString())).orElse(null));
        s.group("Sign-in")
                .secret("HELPDESK_SECRET", c.signingKey() == null ? null : "set")
                .add("HELPDESK_TOKEN_TTL_MINUTES", c.tokens().accessTtlMinutes())
                .add("HELPDESK_REFRESH_TOKEN_TTL_MINUTES", c.tokens().refreshTtlMinutes())
                .add("HELPDESK_SESSION_MAX_MINUTES", c.tokens().sessionMaxMinutes())
                .add("HELPDESK_ADMIN_EMAIL", c.admin().map(AppConfig.Admin::email).orElse(null))
                .secret("HELPDESK_ADMIN_PASSWORD", c.admin().map(AppConfig.Admin::password).orElse(null))
                .add("LOGIN_MAX_FAILURES", c.loginThrottle().maxPerAccountAndAddress())
                .add("LOGIN_MAX_FAILURES_PER_ACCOUNT", c.loginThrottle().maxPerAccount())
                .add("LOGIN_MAX_FAILURES_PER_ADDRESS", c.loginThrottle().maxPerAddress())
                .add("LOGIN_LOCKOUT_SECONDS", c.loginThrottle().lockoutSeconds());
        s.group("Queue and worker")
                .add("HELPDESK_QUEUE", c.queue().name())
                .add("HELPDESK_QUEUE_PREFIX", c.queue().prefix())
                .add("HELPDESK_QUEUE_MAX_BACKLOG", c.queue().maxBacklog())
                .add("WORKER_CONCURRENCY", c.queue().concurrency())
                .add("WORKER_MAX_ATTEMPTS", c.queue().maxAttempts())
                .add("WORKER_BACKOFF_MS", c.queue().backoffMs())
                .add("WORKER_DLQ_ENABLED", c.queue().deadLetterEnabled())
                .add("WORKER_DLQ_NAME", c.queue().deadLetterName());
        s.group("Email")
                .add("EMAIL_ENABLED", c.email().enabled())
                .add("SMTP_HOST", c.email().host())
                .add("SMTP_PORT", c.email().port())
                .add("SMTP_FROM", c.email().from())
                .add("SMTP_TIMEOUT_SECONDS", c.email().timeout().toSeconds());
        s.group("Attachments and storage")
                .add("ATTACH_MAX_BYTES", c.attachments().maxBytes())
                .add("ATTACH_ALLOWED_MIME", String.join(", ", c.attachments().allowedMimeTypes()))
                .add("STORAGE_TYPE", c.storage().type());
        if (c.storage().isS3()) {
            AppConfig.S3 s3 = c.storage().s3();
            s.add("STORAGE_S3_ENDPOINT", url(s3.endpoint()))
                    .add("STORAGE_S3_BUCKET", s3.bucket())
                    .add("STORAGE_S3_REGION", s3.region())
                    .secret("STORAGE_S3_ACCESS_KEY", s3.accessKey())
                    .secret("STORAGE_S3_SECRET_KEY", s3.secretKey())
                    .add("STORAGE_S3_PATH_STYLE", s3.pathStyle());
        } else {
            s.add("STORAGE_PATH", c.storage().path());
        }
        s.group("SLA")
                .add("SLA_REMINDER_LEAD_MINUTES", c.sla().reminderLeadMinutes())
                .add("SLA_CHECK_INTERVAL_SECONDS", c.sla().checkIntervalSeconds());
        s.group("Abuse protection and HTTP")
                .add("RATE_LIMIT_ENABLED", c.rateLimit().enabled())
                .add("RATE_LIMIT_WINDOW_MS", c.rateLimit().windowMs())
                .add("RATE_LIMIT_MAX_REQUESTS", c.rateLimit().maxRequests())
                .add("RATE_LIMIT_DISABLED_ROUTES", String.join(", ", c.rateLimit().disabledRoutes()))
                .add("SPAM_GUARD_ENABLED", c.spamGuard().enabled())
                .add("SPAM_GUARD_COOLDOWN_MS", c.spamGuard().cooldownMs())
                .add("HTTP_TRUSTED_PROXIES", String.join(", ", c.http().trustedProxies().stream().map(Object::toString).toList()))
                .add("HTTP_MAX_BODY_BYTES", c.http().maxBodyBytes());
        return List.copyOf(s.rows);
    }

    static List<Section> sections(AppConfig c) {
        java.util.Map<String, List<Setting>> byGroup = new java.util.LinkedHashMap<>();
        of(c).forEach(s -> byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s));
        return byGroup.entrySet().stream().map(e -> new Section(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** A URL without its credentials: the user info and credential-like query parameters become {@link #MASK}. */
    static String url(String raw) {
        if (raw == null) {
            return null;
        }
        String prefix = raw.startsWith("jdbc:") ? "jdbc:" : "";
        String rest = raw.substring(prefix.length());
        String masked;
        try {
            URI u = new URI(rest);
            if (u.getRawAuthority() == null) {
                return MASK; // not a URL we can take apart: show nothing of it rather than a secret
            }
            String authority = u.getRawUserInfo() == null ? u.getRawAuthority()
                    : MASK + "@" + u.getRawAuthority().substring(u.getRawAuthority().lastIndexOf('@') + 1);
            masked = u.getScheme() + "://" + authority + (u.getRawPath() == null ? "" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (URISyntaxException e) {
            return MASK;
        }
        return prefix + SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    private EffectiveSettings group(String name) {
        this.group = name;
        return this;
    }

    private EffectiveSettings add(String name, Object value) {
        rows.add(new Setting(group, name, value == null || value.toString().isEmpty() ? "not set" : value.toString(), false));
        return this;
    }

    private EffectiveSettings secret(String name, String value) {
        rows.add(new Setting(group, name, value == null || value.isEmpty() ? "not set" : MASK, true));
        return this;
    }
}
