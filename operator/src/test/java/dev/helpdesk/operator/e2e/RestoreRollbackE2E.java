package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * upgrade.autoRollback when the version before cannot serve the migrated schema, on a real API
 * server: 6.6.6's pods crash, 1.0.0's dry run (a kubelet rule written for this test) says a
 * contract step removed what it uses, so the operator applies a HelpDeskRestore of the
 * pre-upgrade backup — taken under the write freeze, so nothing written is lost — and 1.0.0 runs
 * on the restored database; the freeze is lifted afterwards.
 */
class RestoreRollbackE2E extends E2ESupport {
    private static final Path RULES = Path.of("src/test/resources/e2e/kubelet-rules.json");
    private static final String OLD_CANNOT_SERVE = """
            {"job": true, "image": ":1\\\\.0\\\\.0$", "args": "--dry-run", "phase": "Succeeded", "message": \
            "{\\"dryRun\\":true,\\"schemaVersion\\":\\"7\\",\\"oldestServable\\":\\"7\\",\\"currentSchemaVersion\\":\\"8\\",\
            \\"canServe\\":false,\\"reason\\":\\"migration 8 removed what this version uses\\"}"}""";

    private String appImage() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    private List<GenericKubernetesResource> rollbackRestores() {
        return client.genericKubernetesResources(HELPDESK_API_VERSION, "HelpDeskRestore").inNamespace(ns).list().getItems().stream()
                .filter(r -> r.getMetadata().getName().startsWith("support-rollback-6-6-6-")).toList();
    }

    @Test
    void aRolloutTheVersionBeforeCannotServeIsRolledBackByRestoringThePreUpgradeBackup() throws Exception {
        startLeadingOperator();
        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec: {version: "1.0.0", upgrade: {progressDeadlineSeconds: 30}}
                """);
        awaitReady("support");
        String rules = Files.readString(RULES);
        try {
            Files.writeString(RULES, "[" + OLD_CANNOT_SERVE + ",\n " + rules.trim().substring(1));
            helpDesks().withName("support").edit(h -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
                spec.put("version", "6.6.6");
                return h;
            });
            eventually("rolled back by a restore", Duration.ofMinutes(3), () -> assertThat(rollbackRestores()).hasSize(1));
            eventually("the restore done and 1.0.0 serving", Duration.ofMinutes(4), () -> {
                assertThat((Object) rollbackRestores().get(0).get("status", "phase")).isEqualTo("Succeeded");
                assertThat((Object) helpDesk("support").get("status", "rollback", "completedAt")).isNotNull();
                assertThat(appImage()).endsWith(":1.0.0");
            });
        } finally {
            Files.writeString(RULES, rules);
        }
        GenericKubernetesResource restore = rollbackRestores().get(0);
        String backup = (String) helpDesk("support").get("status", "rollback", "backup");
        assertThat(backup).startsWith("support-pre-upgrade-6-6-6-");
        assertThat((Object) restore.get("spec", "backupRef", "name")).isEqualTo(backup);
        StatusCondition ready = condition("support", "Ready").orElseThrow();
        assertThat(ready.reason()).isEqualTo("RolledBack");
        assertThat(ready.message()).startsWith("version 6.6.6 did not become ready (Deployment support-")
                .contains("1.0.0 cannot serve the migrated schema, so HelpDeskRestore " + restore.getMetadata().getName()
                        + " restored the pre-upgrade backup " + backup + " (writes were frozen from it on: nothing written is lost)")
                .contains("app and worker run 1.0.0 on schema");
        assertThat((Object) helpDesk("support").get("spec", "version")).isEqualTo("6.6.6");
        assertThat(condition("support", "Migrated").orElseThrow().message()).as("1.0.0's migrate checked the restored schema")
                .startsWith("Job support-migrate-1-0-0-").endsWith("for app 1.0.0");
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(events("HelpDesk", "support")).extracting(e -> e.getReason()).contains("RolledBack", "RollbackCompleted");
        assertWritesFrozenAndLifted("support", "6.6.6");
    }
}
