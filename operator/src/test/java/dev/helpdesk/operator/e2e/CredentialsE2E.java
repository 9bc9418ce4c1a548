package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Generated credentials on a real API server: a rotation rolls PostgreSQL and Redis before the app
 * and worker (order read from the audit log), nothing is regenerated at rest, a deleted Secret is
 * regenerated with a Warning, and a deleted admin Secret is reported and reset on request only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialsE2E extends E2ESupport {
    private static final Duration SHORT = Duration.ofSeconds(90);

    private Pod pod(String name) {
        return client.pods().inNamespace(ns).withName(name).get();
    }

    private String podUid(String name) {
        Pod p = pod(name);
        return p == null ? null : p.getMetadata().getUid();
    }

    private void annotate(String key, String value) {
        helpDesks().withName("support").edit(hd -> {
            hd.getMetadata().getAnnotations().put(key, value);
            return hd;
        });
    }

    private Map<String, Object> credentialsStatus() {
        Map<String, Object> c = helpDesk("support").get("status", "credentials");
        return c == null ? Map.of() : c;
    }

    private void awaitRolledOut() {
        eventually("the new credentials rolled out", Duration.ofMinutes(3), () -> {
            assertThat(credentialsStatus()).doesNotContainKey("rollout");
            assertThat(condition("support", "Ready")).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("True"));
        });
    }

    @Test
    @Order(1)
    void installs() {
        startLeadingOperator();
        installMinimalReady();
        assertThat(credentialsStatus()).containsKey("workloadsHash");
    }

    @Test
    @Order(2)
    void aRotationRollsTheDatabaseAndRedisBeforeTheAppAndWorker() {
        String postgres = podUid("support-postgres-0");
        String redis = podUid("support-redis-0");
        Secret before = client.secrets().inNamespace(ns).withName("support-secrets").get();
        Instant from = Instant.now();
        annotate("helpdesk.dev/rotate-credentials", "r1");
        eventually("rotation taken up", SHORT, () -> assertThat(credentialsStatus()).containsEntry("rotationRequest", "r1"));
        eventually("PostgreSQL and Redis restarted", SHORT, () -> {
            assertThat(podUid("support-postgres-0")).isNotNull().isNotEqualTo(postgres);
            assertThat(podUid("support-redis-0")).isNotNull().isNotEqualTo(redis);
        });
        awaitRolledOut();
        Secret after = client.secrets().inNamespace(ns).withName("support-secrets").get();
        assertThat(after.getData().get("database-password")).isNotEqualTo(before.getData().get("database-password"));
        assertThat(after.getData().get("signing-key")).isEqualTo(before.getData().get("signing-key"));

        List<AuditEntry> writes = audit.writes(from, Instant.now()).stream().filter(e -> ns.equals(e.namespace())).toList();
        Instant lastDataPod = writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("pods")
                        && e.userAgent().contains("statefulset-controller")).map(AuditEntry::received).max(Instant::compareTo).orElseThrow();
        Instant firstAppPod = writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("pods")
                        && e.userAgent().contains("replicaset-controller")).map(AuditEntry::received).min(Instant::compareTo).orElseThrow();
        assertThat(firstAppPod).as("app and worker pods after the new PostgreSQL and Redis pods:\n" + AuditLog.describe(writes))
                .isAfter(lastDataPod);
        Instant operatorPatchedApp = writes.stream().filter(e -> e.userAgent().contains(AuditLog.OPERATOR_USER_AGENT)
                && e.resource().equals("deployments") && e.verb().equals("patch")).map(AuditEntry::received).min(Instant::compareTo).orElseThrow();
        assertThat(operatorPatchedApp).as("the operator moved the app only after the data services ran").isAfter(lastDataPod);
        assertThat(events("HelpDesk", "support").stream().filter(e -> "CredentialsRotated".equals(e.getReason())).map(e -> e.getMessage()))
                .anySatisfy(m -> assertThat(m).contains("restart to apply them"))
                .anySatisfy(m -> assertThat(m).contains("roll to them now"))
                .anySatisfy(m -> assertThat(m).contains("complete"));
    }

    @Test
    @Order(3)
    void nothingIsRegeneratedAtRest() throws InterruptedException {
        Thread.sleep(10_000); // the last status write and pod changes settle
        Instant from = Instant.now();
        Thread.sleep(30_000);
        List<AuditEntry> writes = audit.operatorWritesExceptHeartbeats(from, Instant.now());
        assertThat(writes).as(AuditLog.describe(writes)).isEmpty();
    }

    @Test
    @Order(4)
    void aDeletedGeneratedSecretIsRegeneratedAndRolledOutWithAWarning() {
        String postgres = podUid("support-postgres-0");
        client.secrets().inNamespace(ns).withName("support-secrets").delete();
        eventually("Warning CredentialsRegenerated", SHORT, () -> assertThat(events("HelpDesk", "support"))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("CredentialsRegenerated");
                    assertThat(e.getType()).isEqualTo("Warning");
                }));
        awaitRolledOut();
        assertThat(podUid("support-postgres-0")).as("PostgreSQL restarted to apply the new password").isNotEqualTo(postgres);
    }

    @Test
    @Order(5)
    void aDeletedAdminSecretIsReportedAndOnlyAResetReplacesIt() throws InterruptedException {
        client.secrets().inNamespace(ns).withName("support-admin").delete();
        eventually("Warning AdminSecretMissing", SHORT, () -> assertThat(eventCount("HelpDesk", "support", "AdminSecretMissing")).isPositive());
        Thread.sleep(5_000);
        assertThat(client.secrets().inNamespace(ns).withName("support-admin").get()).as("not replaced by a password that would not work").isNull();
        annotate("helpdesk.dev/reset-admin-password", "1");
        eventually("admin password reset", SHORT, () -> {
            assertThat(client.secrets().inNamespace(ns).withName("support-admin").get()).isNotNull();
            assertThat(eventCount("HelpDesk", "support", "AdminPasswordReset")).isPositive();
        });
        eventually("the missing note is gone", SHORT, () -> assertThat(credentialsStatus()).doesNotContainKey("adminSecretMissing"));
    }
}
