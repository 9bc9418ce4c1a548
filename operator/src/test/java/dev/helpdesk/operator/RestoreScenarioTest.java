package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskRestoreStatus;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HelpDeskRestore: safety backup, scale to 0, restore Job, the backup's version, then spec.version; refusals that change nothing. */
@QuarkusTest
class RestoreScenarioTest extends OperatorTest {
    private final ConcurrentSkipListMap<Long, String> writes = new ConcurrentSkipListMap<>();
    private final List<Watch> watches = new ArrayList<>();

    @AfterEach
    void closeWatches() {
        watches.forEach(Watch::close);
    }

    private <R extends HasMetadata> void record(Class<R> kind) {
        watches.add(client.resources(kind).inNamespace(ns).watch(new Watcher<R>() {
            @Override
            public void eventReceived(Action action, R r) {
                String detail = r instanceof Deployment d ? " " + d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                        .replaceAll(".*:", "") + "x" + d.getSpec().getReplicas() : "";
                writes.put(Long.parseLong(r.getMetadata().getResourceVersion()), action + " " + r.getKind() + " "
                        + r.getMetadata().getName() + detail);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
    }

    private int first(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no write " + prefix + " in\n" + String.join("\n", log));
    }

    private HelpDeskBackup backupOf(String name, String helpDesk) {
        HelpDeskBackup b = Samples.load("backup.yaml", HelpDeskBackup.class, ns);
        b.getMetadata().setName(name);
        b.getSpec().helpDeskRef.name = helpDesk;
        client.resource(b).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HelpDeskBackup now = client.resources(HelpDeskBackup.class).inNamespace(ns).withName(name).get();
            return now != null && (now.phase().equals(HelpDeskBackupStatus.SUCCEEDED) || now.phase().equals(HelpDeskBackupStatus.FAILED));
        });
        return client.resources(HelpDeskBackup.class).inNamespace(ns).withName(name).get();
    }

    private HelpDeskRestore restore(String name, String backup, boolean fromOther) {
        HelpDeskRestore r = Samples.load("restore.yaml", HelpDeskRestore.class, ns);
        r.getMetadata().setName(name);
        r.getSpec().backupRef.name = backup;
        r.getSpec().fromOtherHelpDesk = fromOther ? true : null;
        return client.resource(r).create();
    }

    private HelpDeskRestore awaitRestore(String name, String phase) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                client.resources(HelpDeskRestore.class).inNamespace(ns).withName(name).get()).extracting(HelpDeskRestore::phase).isEqualTo(phase));
        return client.resources(HelpDeskRestore.class).inNamespace(ns).withName(name).get();
    }

    private Condition succeeded(HelpDeskRestore r) {
        return Conditions.find(r.getStatus().conditions, "Succeeded").orElseThrow();
    }

    private void upgradeTo(String version) {
        edit("support", hd -> {
            hd.getSpec().version = version;
            return hd;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> version.equals(get("support").getStatus().version)
                && condition("support", Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false));
    }

    @Test
    void aRestoreBacksUpStopsRestoresRunsTheBackupsVersionThenTheSpecsThroughANewMigration() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        backupOf("support-before-migration", "support");
        upgradeTo("1.1.0");
        record(HelpDeskBackup.class);
        record(Job.class);
        record(Deployment.class);

        cluster.holdJobs(true);
        HelpDeskRestore r = client.resource(Samples.load("restore.yaml", HelpDeskRestore.class, ns)).create();
        r = awaitRestore("support-restore-1", HelpDeskRestoreStatus.SAFETY_BACKUP);
        assertThat(r.getStatus().safetyBackup).isEqualTo("support-restore-1-safety");
        assertThat(succeeded(r).getReason()).isEqualTo("SafetyBackup");
        assertThat(succeeded(r).getMessage()).isEqualTo("backing up HelpDesk support as it is now (HelpDeskBackup support-restore-1-safety)"
                + " before restoring support-before-migration");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.resources(HelpDeskBackup.class).inNamespace(ns)
                .withName("support-restore-1-safety").get() != null);
        assertThat(client.resources(HelpDeskBackup.class).inNamespace(ns).withName("support-restore-1-safety").get().getSpec().reason())
                .isEqualTo(HelpDeskBackupSpec.PRE_RESTORE);
        cluster.holdJobs(false);
        awaitRestore("support-restore-1", HelpDeskRestoreStatus.SUCCEEDED);

        HelpDesk after = get("support");
        assertThat(after.getStatus().version).isEqualTo("1.1.0");
        assertThat(after.getStatus().restore.name).isEqualTo("support-restore-1");
        assertThat(after.getStatus().restore.appVersion).isEqualTo("1.0.0");
        assertThat(after.getStatus().migration.attempt).as("a new attempt: the old Job migrated a database that is gone").isEqualTo(2);
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        r = client.resources(HelpDeskRestore.class).inNamespace(ns).withName("support-restore-1").get();
        assertThat(succeeded(r).getStatus()).isEqualTo("True");
        assertThat(succeeded(r).getReason()).isEqualTo("Restored");
        assertThat(r.getStatus().message).isEqualTo("HelpDesk support runs 1.1.0 on the restored database (from support-before-migration"
                + " (/backups/support-before-migration/), schema 2)");

        Job job = client.batch().v1().jobs().inNamespace(ns).withName("support-restore-1-restore").get();
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).extracting(c -> c.getName()).containsExactly("restore-fetch", "database");
        assertThat(pod.getInitContainers().get(0).getImage()).as("the backup's own version reads it").endsWith(":1.0.0");
        assertThat(pod.getInitContainers().get(1).getImage()).isEqualTo("docker.io/library/postgres:16-alpine");
        assertThat(String.join(" ", pod.getInitContainers().get(1).getCommand())).contains("pg_restore --clean --if-exists")
                .contains("--single-transaction");
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("restore-files");

        watches.forEach(Watch::close);
        List<String> log = new ArrayList<>(writes.values());
        String migration2 = Names.migration(hd, "1.1.0", 2);
        int safety = first(log, "ADDED HelpDeskBackup support-restore-1-safety");
        int appStopped = first(log, "MODIFIED Deployment support-app 1.1.0x0");
        int workerStopped = first(log, "MODIFIED Deployment support-worker 1.1.0x0");
        int restoreJob = first(log, "ADDED Job support-restore-1-restore");
        int backupsVersion = first(log, "MODIFIED Deployment support-app 1.0.0x2");
        int migration = first(log, "ADDED Job " + migration2);
        int specsVersion = log.lastIndexOf("MODIFIED Deployment support-app 1.1.0x2");
        assertThat(List.of(safety, appStopped, restoreJob, backupsVersion, specsVersion)).as(String.join("\n", log)).isSorted();
        assertThat(workerStopped).isLessThan(restoreJob);
        assertThat(migration).isGreaterThan(restoreJob).isLessThan(specsVersion);
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "support".equals(e.getInvolvedObject().getName()))
                .extracting(e -> e.getReason()).contains("RestoreStarted", "RestoreTakenOver", "RestoreSucceeded");
    }

    @Test
    void refusedRestoresChangeNothing() {
        installReady("helpdesk-minimal.yaml");
        cluster.failJob("broken-backup", "backup failed: disk full");
        backupOf("broken", "support");
        HelpDeskRestore r = restore("from-broken", "broken", false);
        r = awaitRestore("from-broken", HelpDeskRestoreStatus.FAILED);
        assertThat(succeeded(r).getReason()).isEqualTo("BackupNotSucceeded");
        assertThat(r.getStatus().message).isEqualTo("HelpDeskBackup broken is Failed: only a Succeeded backup can be restored; nothing was changed");

        HelpDesk other = Samples.helpDesk("helpdesk-minimal.yaml", ns);
        other.getMetadata().setName("other");
        client.resource(other).create();
        awaitCondition("other", Conditions.READY, "True", "AsExpected");
        backupOf("other-1", "other");
        r = awaitRestore(restore("cross", "other-1", false).getMetadata().getName(), HelpDeskRestoreStatus.FAILED);
        assertThat(succeeded(r).getReason()).isEqualTo("BackupOfOtherHelpDesk");
        assertThat(r.getStatus().message).startsWith("HelpDeskBackup other-1 is of HelpDesk other, not support; set spec.fromOtherHelpDesk:"
                + " true to restore it into support");
        r = awaitRestore(restore("missing", "never-taken", false).getMetadata().getName(), HelpDeskRestoreStatus.FAILED);
        assertThat(succeeded(r).getReason()).isEqualTo("BackupNotFound");

        assertThat(client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems()).extracting(b -> b.getMetadata().getName())
                .as("no safety backup was taken").containsExactlyInAnyOrder("broken", "other-1");
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(condition("support", Conditions.READY)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    }

    @Test
    void aRestoreThatFailsBeforeTheDatabaseChangedLeavesTheHelpDeskAsItWas() {
        installReady("helpdesk-minimal.yaml");
        backupOf("support-before-migration", "support");
        cluster.failJobIn("support-restore-1-restore", "restore-fetch",
                "restore-fetch failed: backup support-before-migration is damaged: database.dump has 10 bytes, the manifest says 4096 (truncated); the database was not changed");
        client.resource(Samples.load("restore.yaml", HelpDeskRestore.class, ns)).create();
        HelpDeskRestore r = awaitRestore("support-restore-1", HelpDeskRestoreStatus.FAILED);
        assertThat(succeeded(r).getReason()).isEqualTo("RestoreFailed");
        assertThat(r.getStatus().message).startsWith("Job support-restore-1-restore failed before changing the database: restore-fetch failed:"
                + " backup support-before-migration is damaged").contains("kubectl logs job/support-restore-1-restore")
                .endsWith("HelpDesk support returns as it was");
        assertThat(r.getStatus().databaseRestored).isNull();
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        HelpDesk hd = get("support");
        assertThat(hd.getStatus().restore).isNull();
        assertThat(hd.getStatus().migration.attempt).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2));
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "RestoreFailed".equals(e.getReason()))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void whileRestoringTheHelpDeskSaysSoAndHoldsItsPodsAtZero() {
        installReady("helpdesk-minimal.yaml");
        backupOf("support-before-migration", "support");
        cluster.holdJobs(true);
        try {
            client.resource(Samples.load("restore.yaml", HelpDeskRestore.class, ns)).create();
            // the safety backup's Job is held too: let it through, keep the restore Job
            await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().inNamespace(ns)
                    .withName("support-restore-1-safety-backup").get() != null);
            cluster.holdJobs(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().inNamespace(ns)
                    .withName("support-restore-1-safety-backup").get().getStatus() != null);
            cluster.holdJobs(true);
            Condition ready = awaitCondition("support", Conditions.READY, "False", "Restoring");
            assertThat(ready.getMessage()).startsWith("HelpDeskRestore support-restore-1 is restoring the database and files; app and worker"
                    + " are stopped until it is done");
            assertThat(get("support").getStatus().phase).isEqualTo("Restoring");
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isZero();
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-worker").get().getSpec().getReplicas()).isZero();
        } finally {
            cluster.holdJobs(false);
        }
        awaitRestore("support-restore-1", HelpDeskRestoreStatus.SUCCEEDED);
    }
}
