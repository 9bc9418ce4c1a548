package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.AppPods;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.MigrationPlan;
import dev.helpdesk.operator.lifecycle.MigrationState;
import dev.helpdesk.operator.lifecycle.OperatorClock;
import dev.helpdesk.operator.lifecycle.VersionCheck;
import dev.helpdesk.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * A version change asked of the versions themselves ({@code migrate --dry-run}, changing
 * nothing): whether the new one can serve the database before anything is touched (the downgrade
 * guard), and whether the one before can serve the migrated schema when the new one's rollout
 * failed (the automatic rollback).
 */
final class VersionStep {
    private final HelpDesk hd;
    private final Observed observed;
    private final List<Pod> pods;
    private final StatusReport report;
    private final Applier applier;
    private final OperatorClock clock;

    VersionStep(HelpDesk hd, Observed observed, List<Pod> pods, StatusReport report, Applier applier, OperatorClock clock) {
        this.hd = hd;
        this.observed = observed;
        this.pods = pods;
        this.report = report;
        this.applier = applier;
        this.clock = clock;
    }

    /**
     * Runs the new version's {@code migrate --dry-run} against the database as it is and reports
     * what it said; true when that version can serve the database once migrated. A version that
     * cannot (a downgrade below a migration that removed what it uses) is refused, nothing touched.
     */
    boolean fits() {
        String version = hd.getSpec().version;
        String name = Names.versionCheck(hd, version, hd.getStatus().schemaVersion + "/" + MigrationPlan.retryRequest(hd));
        VersionCheck check = ask(version, name);
        // the backup a user would restore to run this version: the newest one it took
        Optional<String> takenByIt = observed.all(HelpDeskBackup.class).stream()
                .filter(b -> b.getStatus() != null && version.equals(b.getStatus().appVersion)
                        && dev.helpdesk.operator.api.HelpDeskBackupStatus.SUCCEEDED.equals(b.phase()))
                .max(java.util.Comparator.comparing(dev.helpdesk.operator.lifecycle.BackupRetention::completed))
                .map(b -> b.getMetadata().getName());
        report.versionCheck(name, check, takenByIt.orElse(null));
        return check.state() == VersionCheck.State.CAN_SERVE;
    }

    /** The {@code migrate --dry-run} of {@code version} in Job {@code name}, started if it is not there. */
    private VersionCheck ask(String version, String name) {
        Optional<Job> job = observed.get(Job.class, name);
        if (job.isEmpty()) {
            HelpDesk at = version.equals(hd.getSpec().version) ? hd : Versions.servingAs(hd, version);
            job = Optional.of(applier.createOnce(job, dev.helpdesk.operator.dependent.VersionCheckJobDependent.desired(at, name)));
        }
        return VersionCheck.of(job, pods);
    }

    /**
     * spec.upgrade.autoRollback: the new version's rollout exceeded its progress deadline after its
     * migration succeeded. When the version before can serve the migrated schema (asked of it, as
     * for any version change), app and worker go back to it; nothing is restored. When it cannot,
     * and writes have been frozen since the pre-upgrade backup ({@code freeze}), a HelpDeskRestore
     * of that backup takes the database back, losing nothing. Returns the rollback in force (kept
     * in status until spec.version changes), or null.
     */
    HelpDeskStatus.Rollback rollback(MigrationState migration, HelpDeskStatus.WriteFreeze freeze) {
        String version = hd.getSpec().version;
        String before = hd.getStatus().version;
        HelpDeskStatus.Rollback rollback = hd.getStatus().rollback;
        if (rollback != null && version.equals(rollback.fromVersion)) {
            return rollback;
        }
        if (!Boolean.TRUE.equals(hd.getSpec().upgrade.autoRollback) || migration.phase() != MigrationState.Phase.SUCCEEDED
                || before == null || before.equals(version)) {
            return null;
        }
        Optional<String> failed = RolloutFailure.of(observed.get(Deployment.class, Names.app(hd)), AppPods.image(hd))
                .or(() -> RolloutFailure.of(observed.get(Deployment.class, Names.worker(hd)), AppPods.image(hd)));
        if (failed.isEmpty()) {
            return null;
        }
        String name = Names.versionCheck(hd, before, hd.getStatus().schemaVersion + "/rollback");
        VersionCheck check = ask(before, name);
        switch (check.state()) {
            case CAN_SERVE -> {
                HelpDeskStatus.Rollback done = new HelpDeskStatus.Rollback();
                done.fromVersion = version;
                done.toVersion = before;
                done.reason = failed.get();
                done.at = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                report.announce("RolledBack", "version " + version + " did not become ready (" + failed.get() + "); app and worker went"
                        + " back to " + before + ", which serves the migrated schema " + hd.getStatus().schemaVersion
                        + "; nothing was restored", true);
                return done;
            }
            case CANNOT_SERVE -> {
                Optional<HelpDeskBackup> frozen = frozenBackup(freeze, version);
                if (frozen.isEmpty()) {
                    report.rollbackBlocked(before, failed.get(), check.reason() + (freeze == null || !freeze.active() ? "; writes were not"
                            + " frozen since the pre-upgrade backup (upgrade.writeFreeze), so restoring it would lose what was written since"
                            : ""));
                    return null;
                }
                HelpDeskStatus.Rollback restoring = new HelpDeskStatus.Rollback();
                restoring.fromVersion = version;
                restoring.toVersion = before;
                restoring.reason = failed.get();
                restoring.at = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                restoring.backup = frozen.get().getMetadata().getName();
                restoring.restore = Names.rollbackRestore(hd, version, restoring.backup);
                if (observed.get(HelpDeskRestore.class, restoring.restore).isEmpty()) {
                    applier.create(restoreOf(restoring));
                }
                report.announce("RolledBack", "version " + version + " did not become ready (" + failed.get() + "); " + before
                        + " cannot serve the migrated schema " + hd.getStatus().schemaVersion + " (" + check.reason() + "), so HelpDeskRestore "
                        + restoring.restore + " restores the pre-upgrade backup " + restoring.backup + "; writes have been frozen since "
                        + freeze.since + ", so nothing written is lost", true);
                return restoring;
            }
            case FAILED -> report.rollbackBlocked(before, failed.get(), check.reason());
            default -> { }
        }
        return null;
    }

    /** The pre-upgrade backup of {@code version} taken under the freeze still in force, when it succeeded. */
    private Optional<HelpDeskBackup> frozenBackup(HelpDeskStatus.WriteFreeze freeze, String version) {
        if (freeze == null || !freeze.active() || !version.equals(freeze.version)) {
            return Optional.empty();
        }
        return observed.get(HelpDeskBackup.class, freeze.backup)
                // the Job's freeze step runs before its dump, so a succeeded Job dumped under the freeze
                .filter(b -> dev.helpdesk.operator.api.HelpDeskBackupStatus.SUCCEEDED.equals(b.phase())
                        && Boolean.TRUE.equals(b.getStatus().writesFrozen));
    }

    private HelpDeskRestore restoreOf(HelpDeskStatus.Rollback rollback) {
        HelpDeskRestore r = new HelpDeskRestore();
        // labelled, not owned, like the backups: its record outlives a deleted HelpDesk
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(rollback.restore)
                .withNamespace(hd.getMetadata().getNamespace()).withLabels(dev.helpdesk.operator.dependent.Labels.selector(hd, "rollback"))
                .build());
        r.getSpec().helpDeskRef = new dev.helpdesk.operator.api.HelpDeskBackupSpec.LocalRef();
        r.getSpec().helpDeskRef.name = hd.getMetadata().getName();
        r.getSpec().backupRef = new dev.helpdesk.operator.api.HelpDeskBackupSpec.LocalRef();
        r.getSpec().backupRef.name = rollback.backup;
        return r;
    }
}
