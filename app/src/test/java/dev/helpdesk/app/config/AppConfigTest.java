package dev.helpdesk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://helpdesk:p%40ss@db.example:5432/helpdesk?sslmode=require");
        env.put("REDIS_URL", "redis://redis:6379");
        env.put("HELPDESK_SECRET", "0123456789abcdef0123456789abcdef");
        return env;
    }

    private static AppConfig read(Map<String, String> env) {
        return AppConfig.read(new ConfigReader(name -> Optional.ofNullable(env.get(name))));
    }

    @Test
    void defaultsFollowTheDesign() {
        AppConfig c = read(valid());
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/helpdesk?sslmode=require");
        assertThat(c.database().username()).isEqualTo("helpdesk");
        assertThat(c.database().password()).isEqualTo("p@ss");
        assertThat(c.rateLimit().maxRequests()).isEqualTo(20);
        assertThat(c.rateLimit().windowMs()).isEqualTo(60_000);
        assertThat(c.rateLimit().disabledRoutes()).containsExactly("/api/health", "/api/status");
        assertThat(c.spamGuard().cooldownMs()).isEqualTo(10_000);
        assertThat(c.attachments().maxBytes()).isEqualTo(26_214_400);
        assertThat(c.attachments().allowedMimeTypes()).containsExactly("image/png", "image/jpeg", "application/pdf", "text/plain");
        assertThat(c.storage().type()).isEqualTo("filesystem");
    }

    @Test
    void missingRequiredValuesNameTheVariable() {
        for (String name : new String[] {"DATABASE_URL", "REDIS_URL", "HELPDESK_SECRET"}) {
            Map<String, String> env = valid();
            env.remove(name);
            assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigException.class)
                    .hasMessage(name + ": is required but not set");
        }
    }

    @Test
    void malformedValuesNameTheVariableAndSayWhatIsExpected() {
        assertProblem("DATABASE_URL", "mysql://x/y", "DATABASE_URL: scheme must be postgresql://");
        assertProblem("DATABASE_URL", "postgresql://host:5432", "DATABASE_URL: database name is missing");
        assertProblem("DATABASE_URL", "postgresql://ho st/db", "DATABASE_URL: not a valid URL");
        assertProblem("REDIS_URL", "http://redis", "REDIS_URL: scheme must be redis://");
        assertProblem("HELPDESK_SECRET", "short", "HELPDESK_SECRET: must be at least 32 characters");
        assertProblem("RATE_LIMIT_MAX_REQUESTS", "lots", "RATE_LIMIT_MAX_REQUESTS: must be a whole number (got 'lots')");
        assertProblem("RATE_LIMIT_WINDOW_MS", "0", "RATE_LIMIT_WINDOW_MS: must be between 1");
        assertProblem("RATE_LIMIT_ENABLED", "maybe", "RATE_LIMIT_ENABLED: must be true or false");
        assertProblem("ATTACH_ALLOWED_MIME", "png", "ATTACH_ALLOWED_MIME: 'png' is not a MIME type");
        assertProblem("STORAGE_TYPE", "ftp", "STORAGE_TYPE: must be filesystem or s3");
        assertProblem("HELPDESK_ADMIN_EMAIL", "admin@example.com", "HELPDESK_ADMIN_PASSWORD: must be set together");
        assertProblem("HELPDESK_PUBLIC_URL", "support.example.com", "HELPDESK_PUBLIC_URL: must be an http:// or https:// URL");
        assertProblem("HELPDESK_PUBLIC_URL", "https://support.example.com/?x=1", "HELPDESK_PUBLIC_URL: must be an http://");
        assertProblem("HTTP_TRUSTED_PROXIES", "10.0.0.0/8,ingress.local", "HTTP_TRUSTED_PROXIES: 'ingress.local' is not an IP address");
        assertProblem("HTTP_TRUSTED_PROXIES", "10.0.0.0/33", "HTTP_TRUSTED_PROXIES: '10.0.0.0/33' has a prefix length outside 0..32");
        assertProblem("HTTP_MAX_BODY_BYTES", "100", "HTTP_MAX_BODY_BYTES: must be between 65536");
        assertProblem("HELPDESK_TOKEN_TTL_MINUTES", "0", "HELPDESK_TOKEN_TTL_MINUTES: must be between 1");
    }

    @Test
    void s3StorageNeedsItsBucketSettings() {
        Map<String, String> env = valid();
        env.put("STORAGE_TYPE", "s3");
        env.put("STORAGE_S3_ENDPOINT", "http://minio:9000");
        assertThatThrownBy(() -> read(env)).hasMessage("STORAGE_S3_BUCKET: is required but not set");
    }

    private static void assertProblem(String name, String value, String message) {
        Map<String, String> env = valid();
        env.put(name, value);
        assertThatThrownBy(() -> read(env)).as(name + "=" + value).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
