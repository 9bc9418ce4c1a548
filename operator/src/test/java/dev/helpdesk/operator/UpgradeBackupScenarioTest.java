package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/** Raising spec.version: the pre-upgrade backup, then the migration, then the new image; a failed backup stops the upgrade. */
@QuarkusTest
class UpgradeBackupScenarioTest extends OperatorTest {

    /** API writes in the order the server made them (resourceVersion), as "verb Kind name [image]". */
    private final ConcurrentSkipListMap<Long, String> writes = new ConcurrentSkipListMap<>();
    private final List<Watch> watches = new ArrayList<>();

    private <R extends HasMetadata> void record(Class<R> kind) {
        watches.add(client.resources(kind).inNamespace(ns).watch(new Watcher<R>() {
            @Override
            public void eventReceived(Action action, R r) {
                String image = r instanceof Deployment d ? " " + d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                        .replaceAll(".*:", "") : "";
                String phase = r instanceof HelpDeskBackup b ? " " + b.phase() : "";
                writes.put(Long.parseLong(r.getMetadata().getResourceVersion()), action + " " + r.getKind() + " "
                        + r.getMetadata().getName() + image + phase);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
    }

    private void upgradeTo(String version) {
        edit("support", hd -> {
            hd.getSpec().version = version;
            return hd;
        });
    }

    private int firstIndex(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no write " + prefix + " in " + log);
    }

    @Test
    void theUpgradeWaitsForItsBackupThenMigratesThenRolls() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        String backup = Names.preUpgradeBackup(hd, "1.1.0", null);
        record(HelpDeskBackup.class);
        record(Job.class);
        record(Deployment.class);
        try {
            cluster.holdJobsNamed("-backup"); // the version check goes through, the backup is held
            upgradeTo("1.1.0");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    client.resources(HelpDeskBackup.class).inNamespace(ns).withName(backup).get()).isNotNull()
                    .extracting(HelpDeskBackup::phase).isEqualTo(HelpDeskBackupStatus.RUNNING));
            var ready = awaitCondition("support", Conditions.READY, "False", "BackingUp");
            assertThat(ready.getMessage()).isEqualTo("backup " + backup + " runs before the upgrade to 1.1.0; version 1.0.0 keeps serving");
            awaitCondition("support", Conditions.PROGRESSING, "True", "BackingUp");
            assertThat(get("support").getStatus().phase).isEqualTo("BackingUp");
            assertThat(get("support").getStatus().targetVersion).isEqualTo("1.1.0");
            HelpDeskBackup taken = client.resources(HelpDeskBackup.class).inNamespace(ns).withName(backup).get();
            assertThat(taken.getSpec().reason()).isEqualTo(HelpDeskBackupSpec.PRE_UPGRADE);
            Job backupJob = client.batch().v1().jobs().inNamespace(ns).withName(backup + "-backup").get();
            assertThat(backupJob.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as("the version that serves takes the backup: its schema is the database's").endsWith(":1.0.0");
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName(Names.migration(hd, "1.1.0", 1)).get()).isNull();
        } finally {
            cluster.holdJobsNamed(null);
        }
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(get("support").getStatus().version).isEqualTo("1.1.0");
        assertThat(get("support").getStatus().previousVersion).isEqualTo("1.0.0");
        await().atMost(Duration.ofSeconds(5)).until(() -> writes.values().stream().anyMatch(w -> w.equals("MODIFIED Deployment support-worker 1.1.0")));
        watches.forEach(Watch::close);

        List<String> log = new ArrayList<>(writes.values());
        int backupCreated = firstIndex(log, "ADDED HelpDeskBackup " + backup);
        int backupJob = firstIndex(log, "ADDED Job " + backup + "-backup");
        int backupDone = firstIndex(log, "MODIFIED HelpDeskBackup " + backup + " Succeeded");
        int migration = firstIndex(log, "ADDED Job " + Names.migration(hd, "1.1.0", 1));
        int appRolled = firstIndex(log, "MODIFIED Deployment support-app 1.1.0");
        int workerRolled = firstIndex(log, "MODIFIED Deployment support-worker 1.1.0");
        assertThat(List.of(backupCreated, backupJob, backupDone, migration, appRolled)).as(String.join("\n", log)).isSorted();
        assertThat(workerRolled).isGreaterThan(migration);
    }

    @Test
    void aFailedPreUpgradeBackupStopsTheUpgradeUntilARetry() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        String backup = Names.preUpgradeBackup(hd, "1.1.0", null);
        cluster.failJob(backup + "-backup", "backup failed: No space left on device");
        upgradeTo("1.1.0");
        var ready = awaitCondition("support", Conditions.READY, "False", "PreUpgradeBackupFailed");
        assertThat(ready.getMessage()).isEqualTo("the pre-upgrade backup " + backup + " failed (Job " + backup + "-backup failed: backup"
                + " failed: No space left on device. See kubectl logs job/" + backup + "-backup -n " + ns + " --all-containers); version"
                + " 1.0.0 keeps serving and the upgrade to 1.1.0 waits. To retry, fix the cause and set the annotation"
                + " helpdesk.dev/retry-migration to a new value; to upgrade without a backup, set spec.backup.beforeUpgrade to false");
        awaitCondition("support", Conditions.PROGRESSING, "False", "PreUpgradeBackupFailed");
        assertThat(get("support").getStatus().phase).isEqualTo("Failed");
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName(Names.migration(hd, "1.1.0", 1)).get()).isNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "PreUpgradeBackupFailed".equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));

        edit("support", h -> {
            h.getMetadata().getAnnotations().put("helpdesk.dev/retry-migration", "1");
            return h;
        });
        String retried = Names.preUpgradeBackup(hd, "1.1.0", "1");
        assertThat(retried).isNotEqualTo(backup);
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(get("support").getStatus().version).isEqualTo("1.1.0");
        List<String> backups = client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems().stream()
                .sorted(Comparator.comparing(b -> b.getMetadata().getName())).map(b -> b.getMetadata().getName() + " " + b.phase()).toList();
        assertThat(backups).containsExactlyInAnyOrder(backup + " Failed", retried + " Succeeded");
    }
}
