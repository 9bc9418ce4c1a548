package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings page's rows: every secret the configuration can hold is masked, the rest shown as configured. */
class AdminSettingsMaskingTest {
    static final List<String> SECRETS = List.of("db-Pa55word", "q-pass-7", "redis-Pa55word", "signing-key-0123456789-0123456789-abcdef",
            "AKIAEXAMPLEACCESS", "s3-Secret-Key-42", "admin-Pa55word", "presigned-sig-9");

    private static AppConfig config() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("DATABASE_URL", "postgresql://helpdesk:db-Pa55word@db.internal:5432/helpdesk?sslmode=require&password=q-pass-7"),
                Map.entry("REDIS_URL", "rediss://default:redis-Pa55word@cache.internal:6380/0"),
                Map.entry("HELPDESK_SECRET", "signing-key-0123456789-0123456789-abcdef"),
                Map.entry("STORAGE_TYPE", "s3"),
                Map.entry("STORAGE_S3_ENDPOINT", "https://s3.example.com/?X-Amz-Signature=presigned-sig-9"),
                Map.entry("STORAGE_S3_BUCKET", "tickets"),
                Map.entry("STORAGE_S3_ACCESS_KEY", "AKIAEXAMPLEACCESS"),
                Map.entry("STORAGE_S3_SECRET_KEY", "s3-Secret-Key-42"),
                Map.entry("HELPDESK_ADMIN_EMAIL", "root@example.com"),
                Map.entry("HELPDESK_ADMIN_PASSWORD", "admin-Pa55word"),
                Map.entry("RATE_LIMIT_MAX_REQUESTS", "77"));
        return AppConfig.read(new ConfigReader(name -> Optional.ofNullable(env.get(name))));
    }

    @Test
    void noSettingShowsASecret() {
        List<EffectiveSettings.Setting> rows = EffectiveSettings.of(config());
        for (EffectiveSettings.Setting row : rows) {
            for (String secret : SECRETS) {
                assertThat(row.value()).as(row.name()).doesNotContain(secret);
            }
        }
        Map<String, String> byName = rows.stream().collect(java.util.stream.Collectors.toMap(EffectiveSettings.Setting::name,
                EffectiveSettings.Setting::value));
        assertThat(byName).containsEntry("DATABASE_URL", "jdbc:postgresql://db.internal:5432/helpdesk?sslmode=require&password=••••")
                .containsEntry("DATABASE_URL user", "helpdesk").containsEntry("DATABASE_URL password", "••••")
                .containsEntry("REDIS_URL", "rediss://••••@cache.internal:6380/0")
                .containsEntry("HELPDESK_SECRET", "••••").containsEntry("STORAGE_S3_ACCESS_KEY", "••••")
                .containsEntry("STORAGE_S3_SECRET_KEY", "••••").containsEntry("HELPDESK_ADMIN_PASSWORD", "••••")
                .containsEntry("STORAGE_S3_ENDPOINT", "https://s3.example.com/?X-Amz-Signature=••••")
                .containsEntry("HELPDESK_ADMIN_EMAIL", "root@example.com").containsEntry("RATE_LIMIT_MAX_REQUESTS", "77")
                .containsEntry("STORAGE_S3_BUCKET", "tickets").containsEntry("EMAIL_ENABLED", "false");
        assertThat(rows.stream().filter(EffectiveSettings.Setting::secret).map(EffectiveSettings.Setting::name))
                .contains("DATABASE_URL password", "HELPDESK_SECRET", "HELPDESK_ADMIN_PASSWORD", "STORAGE_S3_ACCESS_KEY", "STORAGE_S3_SECRET_KEY");
        assertThat(EffectiveSettings.sections(config())).extracting(EffectiveSettings.Section::name).startsWith("Connections", "Sign-in");
    }

    @Test
    void aUrlKeepsItsPlaceButNotItsCredentials() {
        assertThat(EffectiveSettings.url("redis://:only-a-password@localhost:6379")).isEqualTo("redis://••••@localhost:6379");
        assertThat(EffectiveSettings.url("redis://localhost:6379")).isEqualTo("redis://localhost:6379");
        assertThat(EffectiveSettings.url("jdbc:postgresql://h/db?user=a&sslpassword=x&token=y"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&sslpassword=••••&token=••••");
        assertThat(EffectiveSettings.url("not a url with secret")).isEqualTo("••••");
        assertThat(EffectiveSettings.url("mailto:someone-secret")).isEqualTo("••••");
    }

    @Test
    void theChartDrawsTheShareMetAndSaysItInWords() {
        var chart = SlaChart.of(List.of(new dev.helpdesk.app.sla.SlaReportResource.Row("first_response", "high", 3, 1, 75.0),
                new dev.helpdesk.app.sla.SlaReportResource.Row("resolution", "high", 0, 0, null)));
        assertThat(chart.bars()).hasSize(2);
        assertThat(chart.bars().get(0).barWidth()).isEqualTo(SlaChart.BAR_SPACE * 3 / 4);
        assertThat(chart.bars().get(0).figure()).isEqualTo("75% met (3 of 4)");
        assertThat(chart.bars().get(1).measured()).isFalse();
        assertThat(chart.description()).contains("First response, high: 75% met (3 of 4)", "Resolution, high: nothing finished yet");
        assertThat(chart.bars().get(1).barY()).isGreaterThan(chart.bars().get(0).barY());
        assertThat(chart.axisY()).isGreaterThan(chart.bars().get(1).barY());
    }
}
