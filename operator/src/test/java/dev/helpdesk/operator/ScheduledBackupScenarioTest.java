package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import dev.helpdesk.operator.testing.TestClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** spec.backup.schedule on a clock the test moves: backups at their times, missed runs skipped, retention, BackupHealthy. */
@QuarkusTest
class ScheduledBackupScenarioTest extends OperatorTest {
    private static final AtomicInteger TICKS = new AtomicInteger();

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The operator looks again now (as its timer would at the due time, which the test clock does not drive). */
    private void at(String time) {
        clock.set(Instant.parse(time));
        // a merge patch carries no resourceVersion: it cannot collide with the operator's status writes
        client.resources(HelpDesk.class).inNamespace(ns).withName("support").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"test.helpdesk.dev/tick\":\"" + TICKS.incrementAndGet() + "\"}}}");
    }

    private List<HelpDeskBackup> backups() {
        return client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems();
    }

    private List<String> backupNames() {
        return backups().stream().map(b -> b.getMetadata().getName()).sorted().toList();
    }

    private HelpDeskBackup awaitBackup(String name, String phase) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                client.resources(HelpDeskBackup.class).inNamespace(ns).withName(name).get()).isNotNull()
                .extracting(HelpDeskBackup::phase).isEqualTo(phase));
        return client.resources(HelpDeskBackup.class).inNamespace(ns).withName(name).get();
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    private HelpDesk installScheduled() {
        clock.set(Instant.parse("2026-12-01T01:00:00Z"));
        HelpDesk hd = Samples.helpDesk("helpdesk-scheduled-backups.yaml", ns);
        hd.getSpec().backup.retention.keepLast = 2;
        hd.getSpec().backup.retention.keepDaily = 2;
        hd.getSpec().backup.retention.keepWeekly = 0;
        hd.getSpec().backup.retention.keepMonthly = 0;
        client.resource(hd).create();
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        return get("support");
    }

    @Test
    void backupsRunAtTheirTimesRetentionPrunesAndMissedRunsAreSkipped() {
        HelpDesk hd = installScheduled();
        assertThat(hd.getStatus().backupSchedule.nextScheduleTime).isEqualTo("2026-12-01T02:00:00Z");
        Condition health = awaitCondition("support", Conditions.BACKUP_HEALTHY, "Unknown", "NoBackupYet");
        assertThat(health.getMessage()).isEqualTo("no backup has succeeded yet; the first scheduled one runs at 2026-12-01T02:00:00Z");

        at("2026-12-01T01:59:00Z");
        at("2026-12-01T02:00:20Z");
        HelpDeskBackup first = awaitBackup("support-20261201-020000", HelpDeskBackupStatus.SUCCEEDED);
        assertThat(first.getSpec().reason()).isEqualTo(HelpDeskBackupSpec.SCHEDULED);
        assertThat(first.getMetadata().getOwnerReferences()).as("backups outlive their HelpDesk").isNullOrEmpty();
        at("2026-12-02T02:00:05Z");
        awaitBackup("support-20261202-020000", HelpDeskBackupStatus.SUCCEEDED);
        at("2026-12-03T02:01:00Z");
        awaitBackup("support-20261203-020000", HelpDeskBackupStatus.SUCCEEDED);
        at("2026-12-03T02:02:00Z"); // the finished backup is seen: retention (keepLast 2, keepDaily 2) takes the oldest

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(backupNames()).containsExactly("support-20261202-020000", "support-20261203-020000"));
        assertThat(cluster.storedBackups()).as("its files went with it").doesNotContain("support-20261201-020000")
                .contains("support-20261202-020000", "support-20261203-020000");
        assertThat(events("BackupPruned")).extracting(Event::getMessage).containsExactly("backup support-20261201-020000 deleted by"
                + " retention (keepLast 2, keepDaily 2, keepWeekly 0, keepMonthly 0)");
        health = awaitCondition("support", Conditions.BACKUP_HEALTHY, "True", "AsExpected");
        assertThat(health.getMessage()).isEqualTo("the newest backup support-20261203-020000 completed at 2026-12-03T02:01:00Z");
        assertThat(get("support").getStatus().lastBackup.name).isEqualTo("support-20261203-020000");

        // the operator was away from Dec 3 to Dec 6, 03:00: nothing is replayed, the overdue backup is reported
        at("2026-12-06T03:00:00Z");
        health = awaitCondition("support", Conditions.BACKUP_HEALTHY, "False", "BackupTooOld");
        assertThat(health.getMessage()).isEqualTo("the newest backup support-20261203-020000 completed at 2026-12-03T02:01:00Z, more than"
                + " two schedule periods (2 × PT24H) ago");
        assertThat(backupNames()).containsExactly("support-20261202-020000", "support-20261203-020000");
        assertThat(get("support").getStatus().backupSchedule.lastScheduleTime).isEqualTo("2026-12-06T02:00:00Z");
        assertThat(events("BackupSkipped")).extracting(Event::getMessage).containsExactly("the scheduled backup of 2026-12-06T02:00:00Z"
                + " was missed (the operator was not running then); it is skipped, not replayed; next at 2026-12-07T02:00:00Z");
        assertThat(events("BackupTooOld")).singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(condition("support", Conditions.READY)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    }

    @Test
    void aFailedScheduledBackupTurnsBackupHealthyFalseAndARunNeverOverlapsAnother() {
        installScheduled();
        at("2026-12-01T02:00:10Z");
        awaitBackup("support-20261201-020000", HelpDeskBackupStatus.SUCCEEDED);

        cluster.failJob("support-20261202-020000-backup", "backup failed: s3: access denied");
        at("2026-12-02T02:00:10Z");
        awaitBackup("support-20261202-020000", HelpDeskBackupStatus.FAILED);
        at("2026-12-02T02:00:20Z");
        Condition health = awaitCondition("support", Conditions.BACKUP_HEALTHY, "False", "LastBackupFailed");
        assertThat(health.getMessage()).startsWith("the last scheduled backup support-20261202-020000 failed: Job"
                + " support-20261202-020000-backup failed: backup failed: s3: access denied. See kubectl logs");
        assertThat(get("support").getStatus().lastBackup.name).as("the newest success").isEqualTo("support-20261201-020000");

        cluster.holdJobs(true);
        try {
            at("2026-12-03T02:00:10Z");
            awaitBackup("support-20261203-020000", HelpDeskBackupStatus.RUNNING);
            at("2026-12-04T02:00:10Z");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(get("support").getStatus().backupSchedule.lastScheduleTime).isEqualTo("2026-12-04T02:00:00Z"));
            assertThat(backupNames()).doesNotContain("support-20261204-020000");
            assertThat(events("BackupSkipped")).extracting(Event::getMessage).containsExactly("the scheduled backup of"
                    + " 2026-12-04T02:00:00Z is skipped: backup support-20261203-020000 is still running; next at 2026-12-05T02:00:00Z");
        } finally {
            cluster.holdJobs(false);
        }
        awaitBackup("support-20261203-020000", HelpDeskBackupStatus.SUCCEEDED);
        at("2026-12-04T02:01:00Z");
        awaitCondition("support", Conditions.BACKUP_HEALTHY, "True", "AsExpected");
    }
}
