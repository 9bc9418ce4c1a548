package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;

/** The app's non-secret configuration, under the environment names of the app contract (DESIGN §5). */
public final class AppConfigMapDependent {
    public static final String STORAGE_PATH = "/var/lib/helpdesk/attachments";

    private AppConfigMapDependent() {}

    public static ConfigMap desired(HelpDesk hd) {
        HelpDeskSpec s = hd.getSpec();
        Map<String, String> env = new TreeMap<>();
        env.put("HELPDESK_QUEUE", "helpdesk-default");
        env.put("HELPDESK_QUEUE_PREFIX", "helpdesk");
        env.put("WORKER_CONCURRENCY", str(s.worker.concurrency));
        env.put("WORKER_MAX_ATTEMPTS", str(s.worker.maxAttempts));
        env.put("WORKER_BACKOFF_MS", str(s.worker.backoffMs));
        env.put("WORKER_DLQ_ENABLED", str(s.worker.deadLetterQueue));
        env.put("WORKER_DLQ_NAME", "helpdesk-dead-letter");
        env.put("EMAIL_ENABLED", str(s.email.enabled));
        if (Boolean.TRUE.equals(s.email.enabled) && s.email.smtp != null) {
            env.put("SMTP_HOST", s.email.smtp.host);
            env.put("SMTP_PORT", str(s.email.smtp.port));
            env.put("SMTP_FROM", s.email.from);
        }
        env.put("RATE_LIMIT_ENABLED", str(s.rateLimit.enabled));
        env.put("RATE_LIMIT_WINDOW_MS", str(s.rateLimit.windowMs));
        env.put("RATE_LIMIT_MAX_REQUESTS", str(s.rateLimit.maxRequests));
        env.put("RATE_LIMIT_DISABLED_ROUTES", String.join(",", s.rateLimit.disabledRoutes));
        env.put("SPAM_GUARD_ENABLED", str(s.spamGuard.enabled));
        env.put("SPAM_GUARD_COOLDOWN_MS", str(s.spamGuard.cooldownMs));
        env.put("ATTACH_MAX_BYTES", str(s.attachments.maxBytes));
        env.put("ATTACH_ALLOWED_MIME", String.join(",", s.attachments.allowedMimeTypes));
        if (s.attachments.storage.usesS3Bucket()) {
            env.put("STORAGE_TYPE", "s3");
            env.put("STORAGE_S3_ENDPOINT", s.attachments.storage.s3.endpoint);
            env.put("STORAGE_S3_BUCKET", s.attachments.storage.s3.bucket);
            if (s.attachments.storage.s3.region != null) {
                env.put("STORAGE_S3_REGION", s.attachments.storage.s3.region);
            }
        } else {
            env.put("STORAGE_TYPE", "filesystem");
            env.put("STORAGE_PATH", STORAGE_PATH);
        }
        publicUrl(s).ifPresent(url -> env.put("HELPDESK_PUBLIC_URL", url));
        if (s.app.trustedProxies != null && !s.app.trustedProxies.isEmpty()) {
            env.put("HTTP_TRUSTED_PROXIES", String.join(",", s.app.trustedProxies));
        }
        env.put("SLA_REMINDER_LEAD_MINUTES", str(s.sla.reminderLeadMinutes));
        env.put("SLA_CHECK_INTERVAL_SECONDS", str(s.sla.checkIntervalSeconds));
        return new ConfigMapBuilder().withMetadata(Owned.meta(hd, Names.config(hd), "config")).withData(env).build();
    }

    /** spec.app.publicURL, else what the ingress serves: its host, https when it terminates TLS. */
    static java.util.Optional<String> publicUrl(HelpDeskSpec s) {
        if (s.app.publicURL != null && !s.app.publicURL.isBlank()) {
            return java.util.Optional.of(s.app.publicURL);
        }
        if (Boolean.TRUE.equals(s.ingress.enabled) && s.ingress.host != null && !s.ingress.host.isBlank()) {
            boolean tls = s.ingress.tlsSecretName != null && !s.ingress.tlsSecretName.isBlank();
            return java.util.Optional.of((tls ? "https://" : "http://") + s.ingress.host);
        }
        return java.util.Optional.empty();
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }
}
