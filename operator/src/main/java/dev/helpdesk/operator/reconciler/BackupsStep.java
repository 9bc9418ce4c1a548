package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.Labels;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.BackupRetention;
import dev.helpdesk.operator.lifecycle.BackupSchedule;
import dev.helpdesk.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The HelpDesk's side of backups: scheduled HelpDeskBackup objects, retention, the newest success
 * and BackupHealthy, and the backup an upgrade waits for. The backups themselves are run by
 * their own reconciler; this step only creates and deletes the objects.
 */
final class BackupsStep {
    private final KubernetesClient client;
    private final Applier applier;
    private final HelpDesk hd;
    private final List<HelpDeskBackup> backups;
    private final Instant now;
    private final StatusReport report;

    BackupsStep(KubernetesClient client, Applier applier, HelpDesk hd, List<HelpDeskBackup> backups, Instant now, StatusReport report) {
        this.client = client;
        this.applier = applier;
        this.hd = hd;
        this.backups = backups;
        this.now = now;
        this.report = report;
    }

    /** Schedule, retention and health; returns how long until the next scheduled run, if there is a schedule. */
    Optional<Duration> schedule() {
        var spec = hd.getSpec().backup;
        HelpDeskStatus.BackupSchedule previous = hd.getStatus() == null ? null : hd.getStatus().backupSchedule;
        Optional<HelpDeskBackup> newest = newestSuccess();
        report.lastBackup(newest.map(b -> b.getMetadata().getName()).orElse(null), newest.map(b -> b.getStatus().completedAt).orElse(null));
        if (!BackupSchedule.isSet(spec.schedule)) {
            report.backupSchedule(null);
            report.backupHealth("Unknown", "NoSchedule", "backup.schedule is empty: backups are taken when a HelpDeskBackup is created"
                    + (Boolean.TRUE.equals(spec.beforeUpgrade) ? " and before each upgrade" : ""));
            return Optional.empty();
        }
        String running = backups.stream().filter(b -> !finished(b)).map(b -> b.getMetadata().getName()).sorted().findFirst().orElse(null);
        BackupSchedule.Decision decision = BackupSchedule.decide(spec.schedule, previous, now, running);
        report.backupSchedule(decision.state());
        if (decision.run() != null) {
            create(Names.scheduledBackup(hd, decision.run()), HelpDeskBackupSpec.SCHEDULED);
            report.announce("BackupScheduled", "backup " + Names.scheduledBackup(hd, decision.run()) + " created for the schedule '"
                    + spec.schedule + "' (" + decision.run() + ")", false);
        } else if (decision.skipped() != null) {
            report.announce("BackupSkipped", decision.skipped(), true);
        }
        for (HelpDeskBackup old : BackupRetention.surplus(backups, spec.retention)) {
            client.resource(old).delete(); // its finalizer deletes the stored files first
            report.announce("BackupPruned", "backup " + old.getMetadata().getName() + " deleted by retention (" + retention() + ")", false);
        }
        health(spec.schedule, decision.state().nextScheduleTime, newest);
        return Optional.ofNullable(decision.untilNext());
    }

    private void health(String schedule, String nextRun, Optional<HelpDeskBackup> success) {
        Optional<HelpDeskBackup> newestScheduled = backups.stream().filter(this::finished)
                .filter(b -> HelpDeskBackupSpec.SCHEDULED.equals(b.getSpec().reason()))
                .max(Comparator.comparing(BackupsStep::completedAt));
        if (newestScheduled.isPresent() && HelpDeskBackupStatus.FAILED.equals(newestScheduled.get().phase())) {
            HelpDeskBackup failed = newestScheduled.get();
            report.backupHealth("False", "LastBackupFailed", "the last scheduled backup " + failed.getMetadata().getName() + " failed: "
                    + failed.getStatus().message);
            return;
        }
        if (success.isEmpty()) {
            report.backupHealth("Unknown", "NoBackupYet", "no backup has succeeded yet; the first scheduled one runs at "
                    + nextRun);
            return;
        }
        Duration period = BackupSchedule.period(schedule, now);
        Instant completed = completedAt(success.get());
        if (Duration.between(completed, now).compareTo(period.multipliedBy(2)) > 0) {
            report.backupHealth("False", "BackupTooOld", "the newest backup " + success.get().getMetadata().getName() + " completed at "
                    + completed + ", more than two schedule periods (2 × " + period + ") ago");
        } else {
            report.backupHealth("True", "AsExpected", "the newest backup " + success.get().getMetadata().getName() + " completed at " + completed);
        }
    }

    /**
     * Before the migration of an upgrade: the pre-upgrade backup, at the version that serves.
     * Returns true when the migration may start (done, or not wanted).
     */
    boolean readyForUpgrade(boolean upgrading, String retryRequest) {
        if (!upgrading || !Boolean.TRUE.equals(hd.getSpec().backup.beforeUpgrade)) {
            return true;
        }
        String name = Names.preUpgradeBackup(hd, hd.getSpec().version, retryRequest);
        HelpDeskBackup backup = backups.stream().filter(b -> b.getMetadata().getName().equals(name)).findFirst()
                .orElseGet(() -> create(name, HelpDeskBackupSpec.PRE_UPGRADE));
        report.preUpgradeBackup(name, backup.phase(), backup.getStatus() == null ? null : backup.getStatus().message);
        return HelpDeskBackupStatus.SUCCEEDED.equals(backup.phase());
    }

    private HelpDeskBackup create(String name, String reason) {
        HelpDeskBackup b = new HelpDeskBackup();
        // labelled, not owned: backups outlive their HelpDesk
        b.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(hd.getMetadata().getNamespace())
                .withLabels(Labels.selector(hd, "backup")).build());
        b.getSpec().helpDeskRef = new HelpDeskBackupSpec.LocalRef();
        b.getSpec().helpDeskRef.name = hd.getMetadata().getName();
        b.getSpec().reason = reason;
        return applier.create(b).object();
    }

    private Optional<HelpDeskBackup> newestSuccess() {
        return backups.stream().filter(b -> HelpDeskBackupStatus.SUCCEEDED.equals(b.phase()))
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing(BackupsStep::completedAt));
    }

    private boolean finished(HelpDeskBackup b) {
        return HelpDeskBackupStatus.SUCCEEDED.equals(b.phase()) || HelpDeskBackupStatus.FAILED.equals(b.phase());
    }

    private String retention() {
        var r = hd.getSpec().backup.retention;
        return "keepLast " + r.keepLast + ", keepDaily " + r.keepDaily + ", keepWeekly " + r.keepWeekly + ", keepMonthly " + r.keepMonthly;
    }

    private static Instant completedAt(HelpDeskBackup b) {
        return BackupRetention.completed(b);
    }
}
