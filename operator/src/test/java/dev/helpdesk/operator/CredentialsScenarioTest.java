package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated credentials: rotation on request and a deleted Secret roll data services first; the admin Secret is never replaced blindly. */
@QuarkusTest
class CredentialsScenarioTest extends OperatorTest {
    private static final String HASH = "helpdesk.dev/credentials-hash";

    private String hashOf(String kind, String name) {
        PodTemplateSpec template = kind.equals("StatefulSet")
                ? client.apps().statefulSets().inNamespace(ns).withName(name).get().getSpec().getTemplate()
                : client.apps().deployments().inNamespace(ns).withName(name).get().getSpec().getTemplate();
        return template.getMetadata().getAnnotations().get(HASH);
    }

    private Map<String, String> secretData(String name) {
        Secret s = client.secrets().inNamespace(ns).withName(name).get();
        return s == null ? null : s.getData();
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    private void annotate(String key, String value) {
        edit("support", hd -> {
            hd.getMetadata().getAnnotations().put(key, value);
            return hd;
        });
    }

    @Test
    void rotationRollsTheDatabaseAndRedisBeforeTheAppAndWorker() {
        installReady("helpdesk-minimal.yaml");
        Map<String, String> before = secretData("support-secrets");
        String pg = hashOf("StatefulSet", "support-postgres");
        String redis = hashOf("StatefulSet", "support-redis");
        String app = hashOf("Deployment", "support-app");
        assertThat(List.of(pg, redis, app)).doesNotContainNull();

        cluster.holdDataServices(true);
        try {
            annotate("helpdesk.dev/rotate-credentials", "2026-12");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(hashOf("StatefulSet", "support-postgres")).isNotEqualTo(pg);
                assertThat(hashOf("StatefulSet", "support-redis")).isNotEqualTo(redis);
                assertThat(get("support").getStatus().credentials.rollout).isEqualTo("DataServices");
            });
            Map<String, String> after = secretData("support-secrets");
            assertThat(after.get("database-password")).isNotEqualTo(before.get("database-password"));
            assertThat(after.get("redis-password")).isNotEqualTo(before.get("redis-password"));
            assertThat(after.get("signing-key")).as("sessions stay valid").isEqualTo(before.get("signing-key"));
            // while PostgreSQL and Redis have not restarted with the new passwords, the app keeps the ones they accept
            assertThat(hashOf("Deployment", "support-app")).isEqualTo(app);
            assertThat(hashOf("Deployment", "support-worker")).isEqualTo(app);
        } finally {
            cluster.holdDataServices(false);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hashOf("Deployment", "support-app")).isNotEqualTo(app);
            assertThat(hashOf("Deployment", "support-worker")).isEqualTo(hashOf("Deployment", "support-app"));
            assertThat(get("support").getStatus().credentials.rollout).isNull();
        });
        awaitCondition("support", Conditions.PROGRESSING, "False", "Complete");
        assertThat(events("CredentialsRotated")).extracting(Event::getMessage).anySatisfy(m -> assertThat(m).contains("restart to apply them"))
                .anySatisfy(m -> assertThat(m).contains("roll to them now")).anySatisfy(m -> assertThat(m).contains("complete"));
        assertThat(get("support").getStatus().credentials.rotationRequest).isEqualTo("2026-12");

        // the same value again is no new request
        Map<String, String> rotated = secretData("support-secrets");
        edit("support", hd -> {
            hd.getSpec().app.replicas = 3;
            return hd;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("support").getStatus().app.ready).isEqualTo("3/3"));
        assertThat(secretData("support-secrets")).isEqualTo(rotated);
    }

    @Test
    void aDeletedGeneratedSecretIsRegeneratedAndRolledOutWithAWarning() {
        installReady("helpdesk-minimal.yaml");
        Map<String, String> before = secretData("support-secrets");
        String pg = hashOf("StatefulSet", "support-postgres");
        String app = hashOf("Deployment", "support-app");
        client.secrets().inNamespace(ns).withName("support-secrets").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(secretData("support-secrets")).isNotNull().isNotEqualTo(before);
            assertThat(hashOf("StatefulSet", "support-postgres")).isNotEqualTo(pg);
            assertThat(hashOf("Deployment", "support-app")).isNotEqualTo(app);
            assertThat(get("support").getStatus().credentials.rollout).isNull();
        });
        assertThat(events("CredentialsRegenerated")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("support-secrets was deleted").contains("PostgreSQL and Redis restart");
        });
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
    }

    @Test
    void aDeletedAdminSecretIsReportedNotReplacedAndAResetWritesAWorkingOne() {
        installReady("helpdesk-minimal.yaml");
        Map<String, String> original = secretData("support-admin");
        client.secrets().inNamespace(ns).withName("support-admin").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(events("AdminSecretMissing")).singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("helpdesk.dev/reset-admin-password");
                }));
        assertThat(get("support").getStatus().credentials.adminSecretMissing).isTrue();
        assertThat(condition("support", Conditions.READY).orElseThrow().getMessage()).contains("support-admin is missing");
        assertThat(secretData("support-admin")).as("a new password there would not work").isNull();

        cluster.holdJobs(true);
        try {
            annotate("helpdesk.dev/reset-admin-password", "now");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems())
                    .anySatisfy(j -> {
                        assertThat(j.getMetadata().getName()).startsWith("support-admin-reset-");
                        var container = j.getSpec().getTemplate().getSpec().getContainers().get(0);
                        assertThat(container.getArgs()).containsExactly("reset-admin-password");
                        assertThat(container.getEnv()).anySatisfy(e -> {
                            assertThat(e.getName()).isEqualTo("HELPDESK_ADMIN_PASSWORD");
                            assertThat(e.getValueFrom().getSecretKeyRef().getName()).startsWith("support-admin-reset-");
                        }).noneSatisfy(e -> assertThat(e.getName()).isEqualTo("HELPDESK_ADMIN_EMAIL"));
                    }));
            assertThat(secretData("support-admin")).as("only after the Job applied it").isNull();
        } finally {
            cluster.holdJobs(false);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(secretData("support-admin")).isNotNull();
            assertThat(events("AdminPasswordReset")).hasSize(1);
            assertThat(get("support").getStatus().credentials.adminSecretMissing).isNull();
        });
        Map<String, String> reset = secretData("support-admin");
        assertThat(reset.get("password")).isNotEqualTo(original.get("password"));
        assertThat(reset.get("email")).isEqualTo(java.util.Base64.getEncoder().encodeToString("admin@support.helpdesk.local".getBytes()));
        assertThat(client.secrets().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
                .noneMatch(n -> n.startsWith("support-admin-reset-"));
    }
}
