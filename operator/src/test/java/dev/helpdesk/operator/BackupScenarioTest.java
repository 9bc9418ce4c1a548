package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HelpDeskBackup objects: the Job they run, the status a user reads, one at a time, and their files deleted with them. */
@QuarkusTest
class BackupScenarioTest extends OperatorTest {

    private HelpDeskBackup backup(String name) {
        return client.resources(HelpDeskBackup.class).inNamespace(ns).withName(name).get();
    }

    private HelpDeskBackup create(String name, String helpDesk) {
        HelpDeskBackup b = Samples.load("backup.yaml", HelpDeskBackup.class, ns);
        b.getMetadata().setName(name);
        b.getSpec().helpDeskRef.name = helpDesk;
        return client.resource(b).create();
    }

    private HelpDeskBackup awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(backup(name)).extracting(HelpDeskBackup::phase).isEqualTo(phase));
        return backup(name);
    }

    private Condition succeeded(HelpDeskBackup b) {
        return Conditions.find(b.getStatus().conditions, "Succeeded").orElseThrow();
    }

    private List<Event> events(String involved, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && involved.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void theSampleBackupRunsAJobWithTheServersPgDumpAndReportsWhereItsFilesAre() {
        installReady("helpdesk-minimal.yaml");
        client.resource(Samples.load("backup.yaml", HelpDeskBackup.class, ns)).create();
        HelpDeskBackup b = awaitPhase("support-before-migration", HelpDeskBackupStatus.SUCCEEDED);

        HelpDeskBackupStatus s = b.getStatus();
        assertThat(s.location).isEqualTo("/backups/support-before-migration/");
        assertThat(s.size).isEqualTo("1.5 MiB");
        assertThat(s.sizeBytes).isEqualTo(1572864L);
        assertThat(s.sha256).hasSize(64);
        assertThat(s.appVersion).isEqualTo("1.0.0");
        assertThat(s.schemaVersion).isEqualTo("2");
        assertThat(s.helpDesk).isEqualTo("support");
        assertThat(Instant.parse(s.completedAt)).isAfterOrEqualTo(Instant.parse(s.startedAt));
        assertThat(succeeded(b).getStatus()).isEqualTo("True");
        assertThat(succeeded(b).getReason()).isEqualTo("BackupCompleted");
        assertThat(succeeded(b).getMessage()).isEqualTo("stored at /backups/support-before-migration/ (1.5 MiB, schema 2)");
        assertThat(events("support-before-migration", "BackupCompleted")).hasSize(1);
        assertThat(events("support", "BackupCompleted")).extracting(Event::getMessage)
                .containsExactly("backup support-before-migration: stored at /backups/support-before-migration/ (1.5 MiB, schema 2)");

        Job job = client.batch().v1().jobs().inNamespace(ns).withName("support-before-migration-backup").get();
        var pod = job.getSpec().getTemplate().getSpec();
        // pg_dump refuses a newer server: the dump runs in the managed server's own image (spec.database.managed.version 16)
        assertThat(pod.getInitContainers()).singleElement().satisfies(dump -> {
            assertThat(dump.getImage()).isEqualTo("docker.io/library/postgres:16-alpine");
            assertThat(String.join(" ", dump.getCommand())).contains("pg_dump --format=custom").contains("--file=/backup-work/database.dump");
        });
        var app = pod.getContainers().get(0);
        assertThat(app.getImage()).endsWith(":1.0.0");
        assertThat(app.getArgs()).containsExactly("backup");
        Map<String, String> env = app.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("BACKUP_NAME", "support-before-migration").containsEntry("BACKUP_PATH", "/backups")
                .containsEntry("BACKUP_DUMP_FILE", "/backup-work/database.dump");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("HelpDeskBackup"));

        // backups outlive their HelpDesk: neither the object nor its volume is owned by it
        assertThat(b.getMetadata().getOwnerReferences()).isNullOrEmpty();
        PersistentVolumeClaim volume = client.persistentVolumeClaims().inNamespace(ns).withName("support-backups").get();
        assertThat(volume.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(volume.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
    }

    @Test
    void aFailedBackupJobSaysWhyAndWhereTheLogsAre() {
        installReady("helpdesk-minimal.yaml");
        cluster.failJob("nightly-backup", "pg_dump: error: connection to server failed: FATAL: password authentication failed");
        create("nightly", "support");
        HelpDeskBackup b = awaitPhase("nightly", HelpDeskBackupStatus.FAILED);
        assertThat(succeeded(b).getStatus()).isEqualTo("False");
        assertThat(succeeded(b).getReason()).isEqualTo("JobFailed");
        assertThat(b.getStatus().message).isEqualTo("Job nightly-backup failed: pg_dump: error: connection to server failed: FATAL: password"
                + " authentication failed. See kubectl logs job/nightly-backup -n " + ns + " --all-containers");
        assertThat(events("nightly", "BackupFailed")).singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(events("support", "BackupFailed")).hasSize(1);
    }

    @Test
    void aBackupOfAHelpDeskThatDoesNotExistFailsWithThatReason() {
        create("orphan", "nobody");
        HelpDeskBackup b = awaitPhase("orphan", HelpDeskBackupStatus.FAILED);
        assertThat(succeeded(b).getReason()).isEqualTo("HelpDeskNotFound");
        assertThat(b.getStatus().message).isEqualTo("HelpDesk nobody does not exist in namespace " + ns);
    }

    @Test
    void backupsOfOneHelpDeskRunOneAtATimeOldestFirst() {
        installReady("helpdesk-minimal.yaml");
        cluster.holdJobs(true);
        try {
            create("first", "support");
            awaitPhase("first", HelpDeskBackupStatus.RUNNING);
            create("second", "support");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backup("second").getStatus()).isNotNull());
            HelpDeskBackup waiting = backup("second");
            assertThat(waiting.phase()).isEqualTo(HelpDeskBackupStatus.PENDING);
            assertThat(succeeded(waiting).getReason()).isEqualTo("WaitingForBackup");
            assertThat(waiting.getStatus().message).isEqualTo("backup first of HelpDesk support runs first (one at a time)");
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName("second-backup").get()).isNull();
        } finally {
            cluster.holdJobs(false);
        }
        HelpDeskBackup first = awaitPhase("first", HelpDeskBackupStatus.SUCCEEDED);
        HelpDeskBackup second = awaitPhase("second", HelpDeskBackupStatus.SUCCEEDED);
        assertThat(Instant.parse(second.getStatus().startedAt)).isAfterOrEqualTo(Instant.parse(first.getStatus().completedAt));
    }

    @Test
    void deletingABackupDeletesItsFilesEvenAfterItsHelpDeskIsGone() {
        installReady("helpdesk-minimal.yaml");
        create("keep", "support");
        create("drop", "support");
        awaitPhase("keep", HelpDeskBackupStatus.SUCCEEDED);
        awaitPhase("drop", HelpDeskBackupStatus.SUCCEEDED);
        assertThat(cluster.storedBackups()).contains("keep", "drop");

        client.resources(HelpDesk.class).inNamespace(ns).withName("support").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("support") == null);
        assertThat(backup("keep")).as("backups outlive their HelpDesk").isNotNull();

        client.resources(HelpDeskBackup.class).inNamespace(ns).withName("drop").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> backup("drop") == null);
        assertThat(cluster.storedBackups()).contains("keep").doesNotContain("drop");
        Job delete = client.batch().v1().jobs().inNamespace(ns).withName("drop-delete").get();
        if (delete != null) { // garbage collection of the owned Job is the API server's, absent from the mock
            var c = delete.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getArgs()).containsExactly("delete-backup");
            assertThat(c.getImage()).endsWith(":1.0.0");
        }
        assertThat(events("drop", "BackupDeleted")).extracting(Event::getMessage)
                .containsExactly("the files at /backups/drop/ were deleted");
    }
}
