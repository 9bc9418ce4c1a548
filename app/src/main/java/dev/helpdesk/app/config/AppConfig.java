package dev.helpdesk.app.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The application's configuration, read once from the environment names of DESIGN §5 and
 * validated as a whole, so a bad value stops start-up with one line naming the variable.
 */
public record AppConfig(
        DatabaseUrl database,
        String redisUrl,
        byte[] signingKey,
        Tokens tokens,
        RateLimit rateLimit,
        SpamGuard spamGuard,
        Attachments attachments,
        Storage storage,
        Optional<Admin> admin,
        Queue queue,
        Email email,
        Sla sla,
        Http http,
        LoginThrottle loginThrottle) {

    /** The job queue and worker (HELPDESK_QUEUE*, WORKER_*). */
    public record Queue(String prefix, String name, int concurrency, int maxAttempts, long backoffMs, boolean deadLetterEnabled,
                        String deadLetterName, long maxBacklog) {}

    /** Notification email through SMTP (EMAIL_ENABLED, SMTP_*). */
    public record Email(boolean enabled, String host, int port, String from, java.time.Duration timeout) {}

    public record Sla(long reminderLeadMinutes, long checkIntervalSeconds) {}

    /**
     * The HTTP edge: proxies whose X-Forwarded-For is believed, and the largest request body
     * anywhere but an attachment upload (which ATTACH_MAX_BYTES bounds).
     */
    public record Http(List<dev.helpdesk.app.web.IpRange> trustedProxies, long maxBodyBytes, Optional<URI> publicUrl) {}

    /**
     * Failed logins allowed per account and address, per account, and per address within
     * {@code lockoutSeconds}; one more locks that key until the window ends.
     */
    public record LoginThrottle(int maxPerAccountAndAddress, int maxPerAccount, int maxPerAddress, long lockoutSeconds) {}

    /**
     * Login sessions: access tokens live {@code accessTtlMinutes}; a refresh token, unused, expires
     * after {@code refreshTtlMinutes}; no session outlives {@code sessionMaxMinutes} from its login.
     */
    public record Tokens(long accessTtlMinutes, long refreshTtlMinutes, long sessionMaxMinutes) {}

    public record RateLimit(boolean enabled, long windowMs, int maxRequests, List<String> disabledRoutes) {}

    public record SpamGuard(boolean enabled, long cooldownMs) {}

    public record Attachments(long maxBytes, List<String> allowedMimeTypes) {}

    /** Where attachment bytes live: a directory (a PVC in Kubernetes) or an S3 bucket. */
    public record Storage(String type, String path, S3 s3) {
        public boolean isS3() {
            return "s3".equals(type);
        }
    }

    public record S3(String endpoint, String bucket, String region, String accessKey, String secretKey,
                     boolean pathStyle) {}

    public record Admin(String email, String password) {}

    public static final List<String> DEFAULT_ALLOWED_MIME =
            List.of("image/png", "image/jpeg", "application/pdf", "text/plain");

    public static AppConfig read(ConfigReader env) {
        DatabaseUrl database = DatabaseUrl.parse("DATABASE_URL", env.required("DATABASE_URL"));
        String redisUrl = redisUrl(env.required("REDIS_URL"));
        String secret = env.required("HELPDESK_SECRET");
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("HELPDESK_SECRET", "must be at least 32 characters long (it signs login tokens)");
        }
        RateLimit rateLimit = new RateLimit(
                env.bool("RATE_LIMIT_ENABLED", true),
                env.longValue("RATE_LIMIT_WINDOW_MS", 60_000, 1, 86_400_000),
                env.intValue("RATE_LIMIT_MAX_REQUESTS", 20, 1, 1_000_000_000),
                env.list("RATE_LIMIT_DISABLED_ROUTES", List.of("/api/health", "/api/status")));
        SpamGuard spamGuard = new SpamGuard(
                env.bool("SPAM_GUARD_ENABLED", true),
                env.longValue("SPAM_GUARD_COOLDOWN_MS", 10_000, 0, 86_400_000));
        List<String> mime = env.list("ATTACH_ALLOWED_MIME", DEFAULT_ALLOWED_MIME);
        for (String m : mime) {
            if (!m.matches("[a-z0-9.+-]+/[a-z0-9.+*-]+")) {
                throw new ConfigException("ATTACH_ALLOWED_MIME", "'" + m + "' is not a MIME type like image/png");
            }
        }
        Attachments attachments = new Attachments(
                env.longValue("ATTACH_MAX_BYTES", 26_214_400, 1, 5L * 1024 * 1024 * 1024), mime);
        return new AppConfig(database, redisUrl, secret.getBytes(StandardCharsets.UTF_8),
                tokens(env),
                rateLimit, spamGuard, attachments, storage(env), admin(env), queue(env), email(env),
                new Sla(env.longValue("SLA_REMINDER_LEAD_MINUTES", 30, 0, 10_080),
                        env.longValue("SLA_CHECK_INTERVAL_SECONDS", 60, 1, 86_400)),
                http(env),
                new LoginThrottle(env.intValue("LOGIN_MAX_FAILURES", 5, 1, 1_000_000),
                        env.intValue("LOGIN_MAX_FAILURES_PER_ACCOUNT", 20, 1, 1_000_000),
                        env.intValue("LOGIN_MAX_FAILURES_PER_ADDRESS", 50, 1, 1_000_000),
                        env.longValue("LOGIN_LOCKOUT_SECONDS", 900, 1, 86_400)));
    }

    private static Http http(ConfigReader env) {
        List<dev.helpdesk.app.web.IpRange> proxies = new java.util.ArrayList<>();
        for (String p : env.list("HTTP_TRUSTED_PROXIES", List.of())) {
            try {
                proxies.add(dev.helpdesk.app.web.IpRange.parse(p));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("HTTP_TRUSTED_PROXIES", e.getMessage());
            }
        }
        return new Http(List.copyOf(proxies), maxBodyBytes(env), publicUrl(env));
    }

    /** HELPDESK_PUBLIC_URL: where users reach the desk, e.g. https://support.example.com (a path prefix is allowed). */
    private static Optional<URI> publicUrl(ConfigReader env) {
        Optional<String> raw = env.optional("HELPDESK_PUBLIC_URL");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.get().replaceAll("/+$", ""));
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("HELPDESK_PUBLIC_URL", "is not a URL (got '" + raw.get() + "')");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException("HELPDESK_PUBLIC_URL", "must be an http:// or https:// URL without query, fragment or "
                    + "credentials, like https://support.example.com (got '" + raw.get() + "')");
        }
        return Optional.of(uri);
    }

    /** HTTP_MAX_BODY_BYTES; also read on its own by the JSON reader, which is built before the rest. */
    public static long maxBodyBytes(ConfigReader env) {
        return env.longValue("HTTP_MAX_BODY_BYTES", 1_048_576, 65_536, 104_857_600);
    }

    private static Tokens tokens(ConfigReader env) {
        long access = env.longValue("HELPDESK_TOKEN_TTL_MINUTES", 15, 1, 1_440);
        long refresh = env.longValue("HELPDESK_REFRESH_TOKEN_TTL_MINUTES", 10_080, 5, 525_600);
        long session = env.longValue("HELPDESK_SESSION_MAX_MINUTES", 43_200, 5, 5_256_000);
        if (refresh > session) {
            throw new ConfigException("HELPDESK_REFRESH_TOKEN_TTL_MINUTES", "must not exceed HELPDESK_SESSION_MAX_MINUTES ("
                    + session + ")");
        }
        return new Tokens(access, refresh, session);
    }

    private static String redisUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new ConfigException("REDIS_URL", "scheme must be redis:// or rediss:// (got '" + value.replaceAll("//.*@", "//***@") + "')");
            }
            if (uri.getHost() == null) {
                throw new ConfigException("REDIS_URL", "host is missing; expected redis://host:6379");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("REDIS_URL", "not a valid URL; expected redis://host:6379");
        }
        return value;
    }

    private static Queue queue(ConfigReader env) {
        String name = env.string("HELPDESK_QUEUE", "helpdesk-default");
        String prefix = env.string("HELPDESK_QUEUE_PREFIX", "helpdesk");
        for (String[] v : new String[][] {{"HELPDESK_QUEUE", name}, {"HELPDESK_QUEUE_PREFIX", prefix}}) {
            if (!v[1].matches("[A-Za-z0-9._-]{1,100}")) {
                throw new ConfigException(v[0], "may only contain letters, digits, '.', '_' and '-' (got '" + v[1] + "')");
            }
        }
        return new Queue(prefix, name,
                env.intValue("WORKER_CONCURRENCY", 5, 1, 100),
                env.intValue("WORKER_MAX_ATTEMPTS", 3, 1, 100),
                env.longValue("WORKER_BACKOFF_MS", 5000, 0, 86_400_000),
                env.bool("WORKER_DLQ_ENABLED", true),
                env.string("WORKER_DLQ_NAME", "helpdesk-dead-letter"),
                env.longValue("HELPDESK_QUEUE_MAX_BACKLOG", 100_000, 10, 10_000_000));
    }

    private static Email email(ConfigReader env) {
        boolean enabled = env.bool("EMAIL_ENABLED", false);
        int port = env.intValue("SMTP_PORT", 587, 1, 65_535);
        // an SMTP server that accepts the connection and then never answers must not hold a worker thread for good
        java.time.Duration timeout = java.time.Duration.ofSeconds(env.longValue("SMTP_TIMEOUT_SECONDS", 60, 1, 3600));
        if (!enabled) {
            return new Email(false, env.string("SMTP_HOST", ""), port, env.string("SMTP_FROM", ""), timeout);
        }
        String from = env.required("SMTP_FROM");
        if (!from.contains("@")) {
            throw new ConfigException("SMTP_FROM", "is not an email address");
        }
        return new Email(true, env.required("SMTP_HOST"), port, from, timeout);
    }

    /** STORAGE_*: where attachments live; read alone by the roles that need nothing else (backup, restore). */
    public static Storage readStorage(ConfigReader env) {
        return storage(env);
    }

    private static Storage storage(ConfigReader env) {
        String type = env.string("STORAGE_TYPE", "filesystem").toLowerCase();
        return switch (type) {
            case "filesystem" -> new Storage(type, env.string("STORAGE_PATH", "./helpdesk-data/attachments"), null);
            case "s3" -> new Storage(type, null, new S3(
                    env.required("STORAGE_S3_ENDPOINT"),
                    env.required("STORAGE_S3_BUCKET"),
                    env.string("STORAGE_S3_REGION", "us-east-1"),
                    env.required("STORAGE_S3_ACCESS_KEY"),
                    env.required("STORAGE_S3_SECRET_KEY"),
                    env.bool("STORAGE_S3_PATH_STYLE", true)));
            default -> throw new ConfigException("STORAGE_TYPE", "must be filesystem or s3 (got '" + type + "')");
        };
    }

    private static Optional<Admin> admin(ConfigReader env) {
        Optional<String> email = env.optional("HELPDESK_ADMIN_EMAIL");
        Optional<String> password = env.optional("HELPDESK_ADMIN_PASSWORD");
        if (email.isPresent() != password.isPresent()) {
            throw new ConfigException(email.isPresent() ? "HELPDESK_ADMIN_PASSWORD" : "HELPDESK_ADMIN_EMAIL",
                    "must be set together with " + (email.isPresent() ? "HELPDESK_ADMIN_EMAIL" : "HELPDESK_ADMIN_PASSWORD"));
        }
        if (email.isPresent() && !email.get().contains("@")) {
            throw new ConfigException("HELPDESK_ADMIN_EMAIL", "is not an email address");
        }
        if (password.isPresent() && password.get().length() < 8) {
            throw new ConfigException("HELPDESK_ADMIN_PASSWORD", "must be at least 8 characters long");
        }
        if (password.isPresent() && password.get().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new ConfigException("HELPDESK_ADMIN_PASSWORD", "must be at most 72 bytes in UTF-8 (bcrypt ignores the rest)");
        }
        return email.map(e -> new Admin(e, password.get()));
    }
}
