package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.dependent.UnfreezeJobDependent;
import dev.helpdesk.operator.lifecycle.JobResult;
import dev.helpdesk.operator.lifecycle.MigrationState;
import dev.helpdesk.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * upgrade.writeFreeze: the pre-upgrade backup's Job freezes writes before it dumps, so a rollback
 * that must restore that backup loses nothing. This step records the freeze in status and lifts
 * it, with a Job of the version that serves, once the upgrade is over: the new version ready, its
 * backup or migration failed, the rollback done, or the upgrade abandoned for another version.
 */
final class WriteFreezeStep {
    private final HelpDesk hd;
    private final Observed observed;
    private final List<HelpDeskBackup> backups;
    private final StatusReport report;
    private final Applier applier;
    private final Instant now;

    WriteFreezeStep(HelpDesk hd, Observed observed, StatusReport report, Applier applier, Instant now) {
        this.hd = hd;
        this.observed = observed;
        this.backups = observed.all(HelpDeskBackup.class).stream()
                .filter(b -> hd.getMetadata().getName().equals(b.helpDeskName()) && b.getStatus() != null
                        && Boolean.TRUE.equals(b.getStatus().writesFrozen) && HelpDeskBackupSpec.PRE_UPGRADE.equals(b.getSpec().reason()))
                .toList();
        this.report = report;
        this.applier = applier;
        this.now = now;
    }

    /** The freeze as it stands: the stored one, or the one a pre-upgrade backup of this upgrade just set. */
    HelpDeskStatus.WriteFreeze current() {
        HelpDeskStatus.WriteFreeze stored = hd.getStatus().writeFreeze;
        String thisUpgrade = Names.preUpgradeBackup(hd, hd.getSpec().version, dev.helpdesk.operator.lifecycle.MigrationPlan.retryRequest(hd));
        // a finished backup of an earlier upgrade is history, not a freeze to take up again
        Optional<HelpDeskBackup> freezing = backups.stream().filter(b -> !finished(b) || b.getMetadata().getName().equals(thisUpgrade))
                .max(Comparator.comparing(b -> b.getMetadata().getCreationTimestamp() == null ? "" : b.getMetadata().getCreationTimestamp()));
        if (freezing.isEmpty()) {
            return stored;
        }
        HelpDeskBackup backup = freezing.get();
        String frozenAt = backup.getStatus().writesFrozenAt;
        if (stored != null && stored.backup.equals(backup.getMetadata().getName())) {
            if (stored.active() && frozenAt != null && !frozenAt.equals(stored.since)) {
                HelpDeskStatus.WriteFreeze exact = Serialization.clone(stored);
                exact.since = frozenAt; // the database's own time, once the backup reported it
                return exact;
            }
            return stored;
        }
        HelpDeskStatus.WriteFreeze started = new HelpDeskStatus.WriteFreeze();
        // a freeze still in force carries over (the database keeps its first time): the desk has been read-only since then
        started.since = stored != null && stored.active() ? stored.since : frozenAt != null ? frozenAt : backup.getStatus().startedAt;
        started.backup = backup.getMetadata().getName();
        started.version = hd.getSpec().version;
        report.announce("WritesFrozen", "writes are frozen from pre-upgrade backup " + started.backup + " on, until version "
                + started.version + " is ready: the desk answers them with 503 and Retry-After, reads keep working (upgrade.writeFreeze)", false);
        return started;
    }

    /**
     * Whether the upgrade {@code freeze} belongs to is over, so writes may resume. {@code target}
     * is the version being migrated to; {@code specVersionReady}: app and worker run spec.version.
     */
    boolean over(HelpDeskStatus.WriteFreeze freeze, String target, MigrationState migration, HelpDeskStatus.Rollback rollback,
                 boolean specVersionReady) {
        if (backups.stream().anyMatch(b -> !finished(b))) {
            return false; // a freezing backup still runs: lifting now would leave its dump behind the desk
        }
        if (!hd.getSpec().upgrade.freezesWrites(hd.getSpec().backup)) {
            return true;
        }
        Optional<HelpDeskBackup> backup = backups.stream().filter(b -> b.getMetadata().getName().equals(freeze.backup)).findFirst();
        if (backup.isEmpty() || HelpDeskBackupStatus.FAILED.equals(backup.get().phase())) {
            return true;
        }
        if (rollback != null && freeze.version.equals(rollback.fromVersion)) {
            return rollback.completedAt != null;
        }
        if (!freeze.version.equals(hd.getSpec().version)) {
            return true;
        }
        if (migration.phase() == MigrationState.Phase.FAILED && freeze.version.equals(target)) {
            return true;
        }
        return specVersionReady;
    }

    /** Lifts an active freeze that is {@code over}, with {@code serving}'s image; returns the freeze to record. */
    HelpDeskStatus.WriteFreeze settle(HelpDeskStatus.WriteFreeze freeze, boolean over, String serving) {
        if (freeze == null || !freeze.active() || !over) {
            return freeze;
        }
        String name = Names.unfreeze(freeze.backup);
        Optional<Job> job = observed.get(Job.class, name);
        if (job.isEmpty()) {
            HelpDesk at = serving.equals(hd.getSpec().version) ? hd : Versions.servingAs(hd, serving);
            job = Optional.of(applier.createOnce(job, UnfreezeJobDependent.desired(at, name)));
        }
        List<Pod> pods = observed.all(Pod.class).stream().filter(p -> p.getMetadata().getLabels() != null
                && name.equals(p.getMetadata().getLabels().get("job-name"))).toList();
        JobResult result = JobResult.of(job.get(), pods);
        HelpDeskStatus.WriteFreeze next = Serialization.clone(freeze);
        next.unfreezeJob = name;
        switch (result.phase()) {
            case SUCCEEDED -> {
                Instant until = now.truncatedTo(ChronoUnit.SECONDS);
                next.until = until.toString();
                next.frozenSeconds = Math.max(0, Duration.between(Instant.parse(freeze.since), until).toSeconds());
                report.announce("WritesUnfrozen", "writes were frozen for " + human(next.frozenSeconds) + " (since " + freeze.since
                        + ", pre-upgrade backup " + freeze.backup + ", upgrade to " + freeze.version + "); the desk accepts them again", false);
            }
            case FAILED -> report.note("writes are still frozen: Job " + name + ", which lifts the freeze, failed (" + result.error()
                    + "); see kubectl logs job/" + name + " -n " + hd.getMetadata().getNamespace() + ", and delete the Job to run it again");
            case RUNNING -> { }
        }
        return next;
    }

    private static boolean finished(HelpDeskBackup b) {
        return HelpDeskBackupStatus.SUCCEEDED.equals(b.phase()) || HelpDeskBackupStatus.FAILED.equals(b.phase());
    }

    static String human(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
    }
}
