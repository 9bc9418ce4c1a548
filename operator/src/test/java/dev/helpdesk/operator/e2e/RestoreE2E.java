package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A HelpDeskRestore on a real API server, with the operator killed (SIGKILL) while the restore
 * Job's pod runs — held Running through the simulated kubelet's rules file, which it re-reads —
 * and a new operator finishing it: one safety backup, one restore Job, app and worker stopped
 * during it and back afterwards at the spec's version.
 */
class RestoreE2E extends E2ESupport {
    private static final Path RULES = Path.of("src/test/resources/e2e/kubelet-rules.json");
    private static final String HOLD = "{\"job\": true, \"args\": \"^restore-files$\", \"phase\": \"Running\"}";

    private GenericKubernetesResource restore() {
        return client.genericKubernetesResources(HELPDESK_API_VERSION, "HelpDeskRestore").inNamespace(ns).withName("support-restore-1").get();
    }

    private String restorePhase() {
        GenericKubernetesResource r = restore();
        Object phase = r == null ? null : r.get("status", "phase");
        return phase == null ? "Pending" : phase.toString();
    }

    @Test
    void aRestoreFinishesAfterTheOperatorWasKilledInTheMiddleOfIt() throws Exception {
        OperatorProcess first = startLeadingOperator();
        installMinimalReady();
        apply("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDeskBackup
                metadata: {name: support-before-migration}
                spec: {helpDeskRef: {name: support}, reason: manual}
                """);
        eventually("backup taken", Duration.ofMinutes(1), () -> assertThat((Object) client.genericKubernetesResources(HELPDESK_API_VERSION,
                "HelpDeskBackup").inNamespace(ns).withName("support-before-migration").get().get("status", "phase")).isEqualTo("Succeeded"));

        String rules = Files.readString(RULES);
        Instant from = Instant.now();
        try {
            Files.writeString(RULES, "[" + HOLD + ",\n " + rules.trim().substring(1));
            apply(Files.readString(Path.of("..", "samples", "restore.yaml")));
            eventually("restore pod running", Duration.ofMinutes(2), () -> {
                assertThat(restorePhase()).isEqualTo("Restoring");
                List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", "support-restore-1-restore").list().getItems();
                assertThat(pods).anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
            });
            assertThat(condition("support", "Ready")).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("Restoring"));
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isZero();
            first.kill();
            startOperator("second").awaitStarted();
            awaitLeader(LEADER_TIMEOUT);
        } finally {
            Files.writeString(RULES, rules); // the pod finishes now
        }
        eventually("restore succeeded", Duration.ofMinutes(3), () -> assertThat(restorePhase()).isEqualTo("Succeeded"));
        awaitReady("support");
        Map<String, Object> restored = helpDesk("support").get("status", "restore");
        assertThat(restored).containsEntry("name", "support-restore-1").containsEntry("appVersion", "1.0.0");
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2);

        List<AuditEntry> writes = audit.writes(from, Instant.now()).stream().filter(e -> ns.equals(e.namespace())).toList();
        assertThat(writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("jobs")
                && "support-restore-1-restore".equals(e.name()) && e.code() < 300)).as(AuditLog.describe(writes)).hasSize(1);
        assertThat(writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("helpdeskbackups")
                && "support-restore-1-safety".equals(e.name()) && e.code() < 300)).hasSize(1);
        assertThat(writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("jobs")
                && e.name() != null && e.name().startsWith("support-migrate-1-0-0-") && e.name().endsWith("-2"))).as("a new migration attempt")
                .hasSize(1);
        assertThat(events("HelpDesk", "support")).extracting(e -> e.getReason()).contains("RestoreStarted", "RestoreTakenOver",
                "RestoreSucceeded");
    }
}
