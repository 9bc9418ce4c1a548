package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backups on a real API server: a schedule creating HelpDeskBackup objects and retention deleting
 * them (with their files, through the delete Job and the finalizer); the upgrade order backup →
 * migrate → roll read from the audit log; backups outliving their HelpDesk; the printer columns.
 * The backup and delete-backup pods follow the kubelet rules in src/test/resources/e2e.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupE2E extends E2ESupport {
    private static final Duration MINUTES = Duration.ofMinutes(4);

    private List<GenericKubernetesResource> backups() {
        return client.genericKubernetesResources(HELPDESK_API_VERSION, "HelpDeskBackup").inNamespace(ns).list().getItems();
    }

    private static String phase(GenericKubernetesResource b) {
        Object phase = b.get("status", "phase");
        return phase == null ? "Pending" : phase.toString();
    }

    private List<String> scheduled() {
        return backups().stream().filter(b -> "scheduled".equals(b.get("spec", "reason"))).map(b -> b.getMetadata().getName()).sorted().toList();
    }

    @Test
    @Order(1)
    void aScheduleCreatesBackupsAndRetentionDeletesTheOldOnesWithTheirFiles() {
        startLeadingOperator();
        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec:
                  version: "1.0.0"
                  backup:
                    schedule: "* * * * *"
                    retention: {keepLast: 2, keepDaily: 0, keepWeekly: 0, keepMonthly: 0}
                """);
        awaitReady("support");
        Instant from = Instant.now();
        eventually("three scheduled backups taken", MINUTES, () -> {
            List<GenericKubernetesResource> done = backups().stream().filter(b -> "Succeeded".equals(phase(b))).toList();
            assertThat(audit.operatorWrites(from, Instant.now(), java.util.Set.of()).stream()
                    .filter(e -> e.verb().equals("create") && e.resource().equals("helpdeskbackups"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(done).isNotEmpty();
        });
        eventually("retention keeps the newest two", Duration.ofMinutes(1), () -> assertThat(scheduled()).hasSize(2));
        List<AuditEntry> writes = audit.operatorWrites(from, Instant.now(), java.util.Set.of()).stream()
                .filter(e -> ns.equals(e.namespace())).toList();
        List<String> created = writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("helpdeskbackups"))
                .map(AuditEntry::name).toList();
        String oldest = created.get(0);
        assertThat(oldest).matches("support-\\d{8}-\\d{4}00");
        assertThat(scheduled()).doesNotContain(oldest);
        assertThat(writes).as("the delete Job for the pruned backup's files:\n" + AuditLog.describe(writes))
                .anyMatch(e -> e.verb().equals("create") && e.resource().equals("jobs") && (oldest + "-delete").equals(e.name()));
        assertThat(writes).anyMatch(e -> e.verb().equals("delete") && e.resource().equals("helpdeskbackups") && oldest.equals(e.name()));
        assertThat(events("HelpDesk", "support")).anyMatch(e -> "BackupPruned".equals(e.getReason()) && e.getMessage().contains(oldest));

        GenericKubernetesResource newest = backups().stream().filter(b -> "Succeeded".equals(phase(b)))
                .max(java.util.Comparator.comparing(b -> b.getMetadata().getName())).orElseThrow();
        Map<String, Object> status = newest.get("status");
        assertThat(status).containsEntry("location", "/backups/e2e/").containsEntry("size", "4.0 KiB")
                .containsEntry("appVersion", "1.0.0").containsEntry("schemaVersion", "8");
        assertThat(newest.getMetadata().getOwnerReferences()).as("backups outlive their HelpDesk").isNullOrEmpty();
        assertThat(newest.getMetadata().getFinalizers()).isNotEmpty();
        eventually("BackupHealthy", Duration.ofSeconds(30), () -> assertThat(condition("support", "BackupHealthy"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("AsExpected")));
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("support-backups").get().getMetadata().getOwnerReferences())
                .isNullOrEmpty();
    }

    @Test
    @Order(2)
    void anUpgradeBacksUpThenMigratesThenRolls() {
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.remove("backup"); // no scheduled run in the way of the order
            spec.put("version", "1.1.0");
            return h;
        });
        Instant from = Instant.now();
        eventually("1.1.0 serving", MINUTES, () -> {
            assertThat((Object) helpDesk("support").get("status", "version")).isEqualTo("1.1.0");
            assertThat(condition("support", "Ready")).hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
        });
        List<AuditEntry> writes = audit.writes(from.minusSeconds(5), Instant.now()).stream().filter(e -> ns.equals(e.namespace())).toList();
        Instant backupCreated = first(writes, "create", "helpdeskbackups", "support-pre-upgrade-1-1-0-");
        Instant backupJob = first(writes, "create", "jobs", "support-pre-upgrade-1-1-0-");
        Instant backupPod = writes.stream().filter(e -> e.verb().equals("create") && e.resource().equals("pods")
                && e.userAgent().contains("job-controller") && e.name() != null && e.name().startsWith("support-pre-upgrade"))
                .map(AuditEntry::received).findFirst().orElse(backupJob);
        Instant migration = first(writes, "create", "jobs", "support-migrate-1-1-0-");
        Instant rolled = writes.stream().filter(e -> e.userAgent().contains(AuditLog.OPERATOR_USER_AGENT) && e.resource().equals("deployments")
                && e.verb().equals("patch")).map(AuditEntry::received).min(Instant::compareTo).orElseThrow();
        assertThat(List.of(backupCreated, backupJob, migration, rolled)).as(AuditLog.describe(writes)).isSorted();
        assertThat(migration).isAfter(backupPod);
        assertThat(events("HelpDesk", "support")).anyMatch(e -> "BackingUp".equals(e.getReason()));
    }

    private static Instant first(List<AuditEntry> writes, String verb, String resource, String namePrefix) {
        return writes.stream().filter(e -> e.verb().equals(verb) && e.resource().equals(resource) && e.name() != null
                && e.name().startsWith(namePrefix)).map(AuditEntry::received).min(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("no " + verb + " " + resource + " " + namePrefix + "* in\n" + AuditLog.describe(writes)));
    }

    @Test
    @Order(3)
    void backupsOutliveTheirHelpDeskAndTakeTheirFilesWhenDeleted() {
        List<String> before = backups().stream().map(b -> b.getMetadata().getName()).sorted().toList();
        assertThat(before).isNotEmpty();
        helpDesks().withName("support").delete();
        eventually("HelpDesk gone", Duration.ofMinutes(1), () -> assertThat(helpDesk("support")).isNull());
        assertThat(backups().stream().map(b -> b.getMetadata().getName()).sorted().toList()).isEqualTo(before);

        String victim = before.get(0);
        Instant from = Instant.now();
        client.genericKubernetesResources(HELPDESK_API_VERSION, "HelpDeskBackup").inNamespace(ns).withName(victim).delete();
        eventually("backup deleted after its files", Duration.ofMinutes(1), () ->
                assertThat(backups().stream().map(b -> b.getMetadata().getName())).doesNotContain(victim));
        assertThat(audit.writes(from, Instant.now())).anyMatch(e -> e.verb().equals("create") && e.resource().equals("jobs")
                && (victim + "-delete").equals(e.name()));
    }

    @Test
    @Order(4)
    void printerColumnsComeInTheDesignedOrder() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName("helpdeskbackups.helpdesk.dev").get();
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("HelpDesk", "Reason", "Phase", "Size", "Age");
        crd = client.apiextensions().v1().customResourceDefinitions().withName("helpdesks.helpdesk.dev").get();
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Version", "Ready", "Reason", "App", "Worker", "Last Backup", "Age");
    }

    @Test
    @Order(5)
    void deletingTheNamespaceIsNotHeldUpByTheBackupsFinalizers() {
        assertThat(backups()).as("backups with finalizers are still there").isNotEmpty();
        client.namespaces().withName(ns).delete();
        // no delete Job can start in a terminating namespace; the backup volume goes with it
        eventually("namespace " + ns + " gone", Duration.ofMinutes(2), () -> assertThat(client.namespaces().withName(ns).get()).isNull());
    }
}
