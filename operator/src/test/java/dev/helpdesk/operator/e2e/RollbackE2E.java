package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * upgrade.autoRollback on a real API server: version 6.6.6's pods crash (kubelet rule), the real
 * deployment controller reports ProgressDeadlineExceeded after 30 s, and the operator returns app
 * and worker to 1.0.0, leaving spec.version as written: 1.0.0's dry run says it serves the migrated schema, so nothing
 * is restored; the write freeze of the pre-upgrade backup is lifted once it is back.
 */
class RollbackE2E extends E2ESupport {
    private String appImage() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    @Test
    void aRolloutPastItsDeadlineIsRolledBack() {
        startLeadingOperator();
        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec: {version: "1.0.0", upgrade: {progressDeadlineSeconds: 30}}
                """);
        awaitReady("support");
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.put("version", "6.6.6");
            return h;
        });
        eventually("6.6.6 rolled out and crashing", Duration.ofMinutes(1), () -> assertThat(appImage()).endsWith(":6.6.6"));
        eventually("rolled back", Duration.ofMinutes(3), () -> assertThat(condition("support", "Ready"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("RolledBack")));
        StatusCondition ready = condition("support", "Ready").orElseThrow();
        assertThat(ready.message()).startsWith("version 6.6.6 did not become ready (Deployment support-").contains("has timed out progressing")
                .contains("app and worker run 1.0.0");
        eventually("1.0.0 serving again", Duration.ofMinutes(1), () -> {
            assertThat(appImage()).endsWith(":1.0.0");
            assertThat((Object) helpDesk("support").get("status", "phase")).isEqualTo("Degraded");
        });
        assertThat((Object) helpDesk("support").get("spec", "version")).isEqualTo("6.6.6");
        assertThat(events("HelpDesk", "support")).anyMatch(e -> "RolledBack".equals(e.getReason()) && "Warning".equals(e.getType()));
        assertWritesFrozenAndLifted("support", "6.6.6");
    }
}
