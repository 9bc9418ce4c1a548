package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskRestoreStatus;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.MigrationPlan;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/**
 * The HelpDesk's side of a HelpDeskRestore: while the restore scales down and runs its Job, app
 * and worker are held at 0 replicas and nothing else runs against the database (no migration, no
 * scheduled backup); once the database holds the backup, the HelpDesk takes it over — the backup's
 * version is the running one, and spec.version gets a new migration attempt (its earlier Jobs
 * migrated a database that no longer exists).
 */
final class RestoreStep {
    private RestoreStep() {}

    /** The restore that holds the workloads now, if any. */
    static Optional<HelpDeskRestore> holding(Collection<HelpDeskRestore> restores) {
        return restores.stream().filter(r -> HelpDeskRestoreStatus.SCALING_DOWN.equals(r.phase())
                || (HelpDeskRestoreStatus.RESTORING.equals(r.phase()) && !Boolean.TRUE.equals(r.getStatus().databaseRestored))).findFirst();
    }

    /**
     * Takes over a restored database not taken over yet: rewrites the stored status the reconcile
     * builds on (running version, schema, migration attempt). Returns the restore taken over.
     */
    static Optional<HelpDeskRestore> takeOver(HelpDesk hd, Collection<HelpDeskRestore> restores, Collection<Job> jobs) {
        HelpDeskStatus status = hd.getStatus();
        Optional<HelpDeskRestore> restored = restores.stream()
                .filter(r -> r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().databaseRestored))
                .filter(r -> status.restore == null || !r.getMetadata().getName().equals(status.restore.name))
                .findFirst();
        restored.ifPresent(r -> {
            // an automatic rollback's restore stays at the version rolled back to; any other goes on to spec.version
            String version = rollsBack(status, r.getMetadata().getName()) ? status.rollback.toVersion : hd.getSpec().version;
            status.version = r.getStatus().appVersion;
            if (r.getStatus().schemaVersion != null) {
                status.schemaVersion = r.getStatus().schemaVersion;
            }
            status.restore = new HelpDeskStatus.RestoreTaken();
            status.restore.name = r.getMetadata().getName();
            status.restore.appVersion = r.getStatus().appVersion;
            HelpDeskStatus.Migration attempt = new HelpDeskStatus.Migration();
            attempt.version = version;
            attempt.attempt = MigrationPlan.nextAttempt(version, status.migration, jobs);
            attempt.job = Names.migration(hd, version, attempt.attempt);
            attempt.retryRequest = MigrationPlan.retryRequest(hd);
            status.migration = attempt;
        });
        return restored;
    }

    /** The version migrations and workloads head for: spec.version, unless a rollback restored the database to the version before. */
    static String target(HelpDesk hd) {
        HelpDeskStatus status = hd.getStatus();
        return restoredBack(hd) ? status.rollback.toVersion : hd.getSpec().version;
    }

    /** A rollback of spec.version whose restore the HelpDesk has taken over: the database is the pre-upgrade backup's. */
    static boolean restoredBack(HelpDesk hd) {
        HelpDeskStatus status = hd.getStatus();
        return status.rollback != null && hd.getSpec().version.equals(status.rollback.fromVersion) && status.restore != null
                && rollsBack(status, status.restore.name);
    }

    private static boolean rollsBack(HelpDeskStatus status, String restore) {
        return status.rollback != null && restore.equals(status.rollback.restore);
    }
}
