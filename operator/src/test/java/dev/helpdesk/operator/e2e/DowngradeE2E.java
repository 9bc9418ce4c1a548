package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lowering spec.version to a version that cannot serve the database (its dry run says so: kubelet
 * rule for image tag 0.9.0) is refused with DowngradeRequiresRestore, and the audit log shows the
 * operator changed nothing but its own dry-run Job and the status.
 */
class DowngradeE2E extends E2ESupport {
    @Test
    void aDowngradeBelowTheSchemaIsRefusedAndNothingChanges() throws InterruptedException {
        startLeadingOperator();
        installMinimalReady();
        Instant from = Instant.now();
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.put("version", "0.9.0");
            return h;
        });
        StatusCondition ready = awaitCondition("support", "Ready", "False", Duration.ofMinutes(1));
        eventually("DowngradeRequiresRestore", Duration.ofMinutes(1), () -> assertThat(condition("support", "Ready"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("DowngradeRequiresRestore")));
        ready = condition("support", "Ready").orElseThrow();
        assertThat(ready.message()).startsWith("spec.version 0.9.0 cannot run on this database: the database schema is at version 8,"
                + " newer than this version serves (7 to 7): migration 8 removed what this version uses").contains("Nothing was changed")
                .contains("HelpDeskRestore");
        Thread.sleep(10_000); // a wrong step would come within a few reconciles
        List<AuditEntry> writes = audit.operatorWritesExceptHeartbeats(from, Instant.now()).stream()
                .filter(e -> ns.equals(e.namespace())).toList();
        assertThat(writes).as(AuditLog.describe(writes)).allSatisfy(e -> assertThat(
                (e.resource().equals("jobs") && e.verb().equals("create") && e.name() != null && e.name().startsWith("support-check-0-9-0-"))
                        || (e.resource().equals("helpdesks") && "status".equals(e.subresource()))).isTrue());
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(events("HelpDesk", "support")).anyMatch(e -> "DowngradeRequiresRestore".equals(e.getReason()) && "Warning".equals(e.getType()));
    }
}
