package dev.helpdesk.operator.status;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.AppPods;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.MigrationState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregates one reconcile's observations into the HelpDesk status and the transitions worth
 * an Event. Conditions keep their lastTransitionTime unless their status really changes.
 */
public final class StatusReport {
    public record Transition(String reason, String message, boolean warning) {}

    private final HelpDesk hd;
    private final HelpDeskStatus previous;
    private final Conditions conditions;
    private final HelpDeskStatus next = new HelpDeskStatus();
    private boolean paused;
    private List<String> invalid;
    private boolean dataReady;
    private String dataMessage = "waiting for the database";
    private MigrationState migration;
    private String migrationJob;
    private boolean appReady;
    private String trouble;
    private String workloadMessage = "app and worker are not created yet";
    private Optional<AppHealthProbe.Report> health = Optional.empty();

    public StatusReport(HelpDesk hd, HelpDeskStatus previous) {
        this.hd = hd;
        this.previous = previous;
        long generation = hd.getMetadata().getGeneration() == null ? 0 : hd.getMetadata().getGeneration();
        this.conditions = new Conditions(previous.conditions, generation);
        next.version = previous.version;
        next.previousVersion = previous.previousVersion;
        next.schemaVersion = previous.schemaVersion;
        next.app = previous.app;
        next.worker = previous.worker;
        next.health = previous.health;
        next.lastBackup = previous.lastBackup;
        next.postgresMajor = previous.postgresMajor;
        next.backupSchedule = previous.backupSchedule;
        next.restore = previous.restore;
        next.rollback = previous.rollback;
        next.writeFreeze = previous.writeFreeze;
        next.migration = previous.migration;
        next.credentials = previous.credentials;
    }

    public void lastBackup(String name, String completedAt) {
        if (name == null) {
            next.lastBackup = null;
            return;
        }
        next.lastBackup = new HelpDeskStatus.LastBackup();
        next.lastBackup.name = name;
        next.lastBackup.completedAt = completedAt;
    }

    public void backupSchedule(HelpDeskStatus.BackupSchedule state) {
        next.backupSchedule = state;
    }

    public void backupHealth(String status, String reason, String message) {
        conditions.set(Conditions.BACKUP_HEALTHY, status, reason, message);
    }

    private String restoring;
    private String restoringMessage;

    /** A HelpDeskRestore holds the workloads at 0 while it restores. */
    public void restoring(String restore, String message) {
        restoring = restore;
        restoringMessage = message;
    }

    private String rollbackBlocked;

    /** The automatic rollback in force, or null (recomputed: it ends when spec.version changes). */
    public void rollback(HelpDeskStatus.Rollback rollback) {
        next.rollback = rollback;
    }

    /** The newest write freeze (upgrade.writeFreeze): in force, or how long it lasted. */
    public void writeFreeze(HelpDeskStatus.WriteFreeze freeze) {
        next.writeFreeze = freeze;
    }

    /** The rollout failed, but the version before cannot serve the migrated schema: only a restore goes back. */
    public void rollbackBlocked(String before, String failure, String why) {
        rollbackBlocked = "version " + hd.getSpec().version + " did not become ready (" + failure + "); version " + before + " cannot serve"
                + " the migrated schema (" + why + "), so there is no automatic rollback. Fix " + hd.getSpec().version + " (a new"
                + " spec.version), or go back with a HelpDeskRestore of the pre-upgrade backup (docs/upgrade-and-rollback.md)";
    }

    private String versionCheckJob;
    private dev.helpdesk.operator.lifecycle.VersionCheck versionCheck;
    private String backupOfVersion;

    /** What the new version's migrate --dry-run said; {@code backupOfVersion}: the newest backup that version took, if any. */
    public void versionCheck(String job, dev.helpdesk.operator.lifecycle.VersionCheck check, String backupOfVersion) {
        this.versionCheckJob = job;
        this.versionCheck = check;
        this.backupOfVersion = backupOfVersion;
    }

    private boolean versionBlocked() {
        return versionCheck != null && versionCheck.state() != dev.helpdesk.operator.lifecycle.VersionCheck.State.CAN_SERVE;
    }

    /** Ready and Progressing while a version change waits for, or was refused by, the new version's dry run. */
    private void versionCheckConditions() {
        String version = hd.getSpec().version;
        String serving = "version " + next.version + " keeps serving";
        switch (versionCheck.state()) {
            case RUNNING -> {
                String message = "Job " + versionCheckJob + " asks version " + version + " which database schemas it serves; " + serving;
                conditions.set(Conditions.READY, false, "CheckingVersion", message + suffix());
                conditions.set(Conditions.PROGRESSING, true, "CheckingVersion", message);
            }
            case FAILED -> {
                String message = "Job " + versionCheckJob + " (migrate --dry-run of " + version + ") failed: " + versionCheck.reason()
                        + ". See kubectl logs job/" + versionCheckJob + " -n " + hd.getMetadata().getNamespace() + "; " + serving
                        + ". Fix the cause (the image?) and set the annotation " + dev.helpdesk.operator.lifecycle.MigrationPlan.RETRY_ANNOTATION
                        + " to a new value, or set spec.version back";
                conditions.set(Conditions.READY, false, "VersionCheckFailed", message);
                conditions.set(Conditions.PROGRESSING, false, "VersionCheckFailed", "stopped: the dry run of " + version + " failed");
            }
            default -> {
                String restore = backupOfVersion != null
                        ? "apply a HelpDeskRestore of backup " + backupOfVersion + " (taken by " + version + ")"
                        : "apply a HelpDeskRestore of a backup taken by " + version + " (kubectl get hdb; none is known here)";
                String message = "spec.version " + version + " cannot run on this database: " + versionCheck.reason() + ". Nothing was"
                        + " changed and " + serving + ". To go back to " + version + ", " + restore + "; or set spec.version to "
                        + next.version + " or newer (docs/upgrade-and-rollback.md)";
                conditions.set(Conditions.READY, false, "DowngradeRequiresRestore", message);
                conditions.set(Conditions.PROGRESSING, false, "DowngradeRequiresRestore", "refused: " + version
                        + " cannot serve the database's schema");
            }
        }
    }

    private String preUpgradeBackup;
    private String preUpgradePhase;
    private String preUpgradeMessage;

    /** The backup an upgrade waits for before its migration starts. */
    public void preUpgradeBackup(String name, String phase, String message) {
        preUpgradeBackup = name;
        preUpgradePhase = phase;
        preUpgradeMessage = message;
    }

    public void credentials(HelpDeskStatus.Credentials credentials) {
        next.credentials = credentials;
    }

    private final List<String> notes = new ArrayList<>();
    private final List<Transition> announcements = new ArrayList<>();

    /** An owned resource that someone else changed, set back to the spec: reported as an Event. */
    public void driftCorrected(String kind, String name, String changedBy) {
        announce("DriftCorrected", kind + " " + name + " was changed by " + changedBy
                + " and differed from the spec; the operator set it back", true);
    }

    /** Something the operator did that is not a condition change but worth an Event. */
    public void announce(String reason, String message, boolean warning) {
        announcements.add(new Transition(reason, message, warning));
    }

    /** Something the admin should know that does not make the installation unready. */
    public void note(String message) {
        notes.add(message);
    }

    public void paused() {
        paused = true;
    }

    public void invalidSpec(List<String> problems) {
        invalid = problems;
    }

    public void dataServices(boolean database, boolean redis, boolean externalDatabase, boolean externalRedis) {
        dataReady = database && redis;
        if (!database) {
            dataMessage = "PostgreSQL StatefulSet " + Names.postgres(hd) + " has no ready pod yet";
        } else if (!redis) {
            dataMessage = "Redis StatefulSet " + Names.redis(hd) + " has no ready pod yet";
        } else {
            dataMessage = (externalDatabase ? "external PostgreSQL" : "managed PostgreSQL") + " and "
                    + (externalRedis ? "external Redis" : "managed Redis") + " are ready";
        }
        conditions.set(Conditions.DATABASE_READY, dataReady, dataReady ? (externalDatabase ? "External" : "Ready") : "WaitingForDatabase",
                dataMessage);
    }

    /** The migration attempt now under way for the spec's version (kept in status so it survives a stale cache). */
    public void migrationAttempt(HelpDeskStatus.Migration attempt) {
        next.migration = attempt;
    }

    /** {@code version}: the app version the Job migrates for (spec.version, or the version a rollback restored). */
    public void migration(String jobName, String version, MigrationState state, boolean databaseReady) {
        this.migration = state;
        this.migrationJob = jobName;
        switch (state.phase()) {
            case SUCCEEDED -> {
                if (state.schemaVersion() != null) {
                    next.schemaVersion = state.schemaVersion();
                }
                if (state.serverMajor() != null) {
                    next.postgresMajor = state.serverMajor();
                }
                conditions.set(Conditions.MIGRATED, true, "MigrationSucceeded", "Job " + jobName + " migrated the schema to "
                        + (next.schemaVersion == null ? "the latest version" : "version " + next.schemaVersion) + " for app " + version);
            }
            case FAILED -> {
                if (next.migration != null && dev.helpdesk.operator.lifecycle.MigrationPlan.retriesWhenDatabaseReady(next.migration, state)) {
                    conditions.set(Conditions.MIGRATED, false, "WaitingForDatabase", "Job " + jobName + " failed before the database was"
                            + " ready (" + state.message() + "); a new attempt starts once the database is ready");
                } else {
                    conditions.set(Conditions.MIGRATED, false, "MigrationFailed", "Job " + jobName + " failed: " + state.message()
                    + ". See kubectl logs job/" + jobName + " -n " + hd.getMetadata().getNamespace()
                    + ". The running version keeps serving; to retry, fix the cause and set the annotation "
                    + dev.helpdesk.operator.lifecycle.MigrationPlan.RETRY_ANNOTATION + " to a new value (or change spec.version).");
                }
            }
            case RUNNING -> conditions.set(Conditions.MIGRATED, false, "Migrating", databaseReady
                    ? "Job " + jobName + " is migrating the schema for app " + version
                    : "Job " + jobName + " started and waits for the database to accept connections, then migrates the schema for app " + version);
            case ABSENT -> conditions.set(Conditions.MIGRATED, false, databaseReady ? "Migrating" : "WaitingForDatabase",
                    databaseReady ? "starting Job " + jobName : "the migration starts once the database is ready");
        }
    }

    private Optional<Deployment> liveApp = Optional.empty();

    /** The app Deployment runs {@code version} with all its pods available. */
    public boolean appAt(String version) {
        return liveApp.filter(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":" + version))
                .map(d -> d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                        && d.getSpec().getReplicas() != null && d.getStatus().getAvailableReplicas() >= d.getSpec().getReplicas())
                .orElse(false);
    }

    /** App and worker run spec.version with every pod available (known after {@link #workloads}). */
    public boolean rolledOut() {
        return appReady;
    }

    public void workloads(Optional<Deployment> app, Optional<Deployment> worker, List<Pod> pods) {
        this.liveApp = app;
        int wantedApp = app.map(d -> d.getSpec().getReplicas()).orElse(Boolean.TRUE.equals(hd.getSpec().app.autoscaling.enabled)
                ? hd.getSpec().app.autoscaling.minReplicas : hd.getSpec().app.replicas);
        int wantedWorker = hd.getSpec().worker.replicas;
        if (app.isPresent()) {
            next.app = new HelpDeskStatus.Replicas(wantedApp, ready(app));
        }
        if (worker.isPresent()) {
            next.worker = new HelpDeskStatus.Replicas(wantedWorker, ready(worker));
        }
        boolean appAtVersion = app.isPresent() && atVersion(app.get(), wantedApp);
        boolean workerAtVersion = worker.isPresent() && atVersion(worker.get(), wantedWorker);
        appReady = appAtVersion && workerAtVersion;
        if (appReady) {
            if (next.version != null && !next.version.equals(hd.getSpec().version)) {
                next.previousVersion = next.version;
            }
            next.version = hd.getSpec().version;
        }
        for (String component : List.of("app", "worker", "migration", "database", "redis")) {
            Optional<String> problem = PodTrouble.find(pods, component);
            if (problem.isPresent()) {
                trouble = problem.get();
                break;
            }
        }
        if (app.isPresent() || worker.isPresent()) {
            workloadMessage = "app " + (next.app == null ? "0/0" : next.app.ready) + " ready, worker "
                    + (next.worker == null ? "0/0" : next.worker.ready) + " ready at version " + hd.getSpec().version;
        }
    }

    /** A claim nobody provisions (no such class, no ReadWriteMany offered) keeps pods Pending: name it. */
    public void volume(Optional<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claim) {
        // a new claim is Pending for a moment while it is provisioned: only a lasting one is a problem
        claim.filter(c -> c.getStatus() != null && "Pending".equals(c.getStatus().getPhase()))
                .filter(c -> PodTrouble.lasting(c.getMetadata().getCreationTimestamp())).ifPresent(c -> {
            String problem = "PersistentVolumeClaim " + c.getMetadata().getName() + " is Pending (class "
                    + (c.getSpec().getStorageClassName() == null ? "cluster default" : "'" + c.getSpec().getStorageClassName() + "'")
                    + ", " + String.join(",", c.getSpec().getAccessModes()) + "): no volume is bound; see kubectl describe pvc "
                    + c.getMetadata().getName() + " -n " + c.getMetadata().getNamespace();
            if (trouble == null) {
                trouble = problem;
            }
        });
    }

    public void appHealth(Optional<AppHealthProbe.Report> report) {
        this.health = report;
        HelpDeskStatus.Health h = new HelpDeskStatus.Health();
        h.database = report.map(r -> String.valueOf(r.database())).orElse("Unknown");
        h.redis = report.map(r -> String.valueOf(r.redis())).orElse("Unknown");
        h.storage = report.map(r -> String.valueOf(r.storage())).orElse("Unknown");
        HelpDeskStatus.Health before = previous.health;
        boolean same = before != null && Objects.equals(before.database, h.database) && Objects.equals(before.redis, h.redis)
                && Objects.equals(before.storage, h.storage);
        h.checkedAt = same ? before.checkedAt : (report.isPresent() ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString() : null);
        next.health = h;
    }

    private int ready(Optional<Deployment> d) {
        return d.map(Deployment::getStatus).map(s -> s.getReadyReplicas() == null ? 0 : s.getReadyReplicas()).orElse(0);
    }

    private boolean atVersion(Deployment d, int wanted) {
        String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        var s = d.getStatus();
        if (!AppPods.image(hd).equals(image) || s == null) {
            return false;
        }
        boolean observed = d.getMetadata().getGeneration() == null || s.getObservedGeneration() == null
                || s.getObservedGeneration() >= d.getMetadata().getGeneration();
        int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        return observed && updated >= wanted && available >= wanted;
    }

    public HelpDeskStatus build() {
        next.observedGeneration = hd.getMetadata().getGeneration();
        next.url = Names.appUrl(hd);
        if (paused) {
            for (Condition c : previous.conditions == null ? List.<Condition>of() : previous.conditions) {
                conditions.keep(c.getType());
            }
            conditions.set(Conditions.READY, false, "Paused",
                    "reconciliation is paused by the annotation helpdesk.dev/paused; remove it to resume");
            next.phase = "Paused";
        } else if (invalid != null) {
            for (String keep : List.of(Conditions.DATABASE_READY, Conditions.MIGRATED, Conditions.DEGRADED, Conditions.BACKUP_HEALTHY)) {
                conditions.keep(keep);
            }
            String message = String.join("; ", invalid);
            conditions.set(Conditions.READY, false, "InvalidSpec", message);
            conditions.set(Conditions.PROGRESSING, false, "InvalidSpec", "nothing is changed until the spec is fixed");
            next.phase = "Failed";
        } else {
            readiness();
        }
        next.targetVersion = Objects.equals(next.version, hd.getSpec().version) ? null : hd.getSpec().version;
        next.conditions = conditions.list();
        return next;
    }

    private static String credentialsRolloutMessage(String rollout) {
        return dev.helpdesk.operator.reconciler.CredentialsRollout.DATA_SERVICES.equals(rollout)
                ? "new credentials: PostgreSQL and Redis restart to apply them; the app and worker pods follow"
                : "new credentials: PostgreSQL and Redis use them; the app and worker pods roll to them";
    }

    private void readiness() {
        boolean migrated = migration != null && migration.phase() == MigrationState.Phase.SUCCEEDED;
        boolean migrationFailed = migration != null && migration.phase() == MigrationState.Phase.FAILED;
        String healthProblem = health.filter(h -> !(h.database() && h.redis() && h.storage()))
                .map(h -> "the app reports " + down(h)).orElse(null);
        if (trouble != null) {
            conditions.set(Conditions.DEGRADED, true, "PodProblem", trouble);
        } else if (healthProblem != null) {
            conditions.set(Conditions.DEGRADED, true, "DependencyDown", healthProblem);
        } else {
            conditions.set(Conditions.DEGRADED, false, "AsExpected", "no problems observed");
        }
        boolean ready = dataReady && migrated && appReady && restoring == null && next.rollback == null;
        if (next.rollback != null) {
            var r = next.rollback;
            String message = "version " + r.fromVersion + " did not become ready (" + r.reason + ") and was rolled back at " + r.at
                    + (r.restore == null ? ": app and worker run " + r.toVersion + ", which serves the migrated schema " + next.schemaVersion
                            + "; nothing was restored"
                            : ": " + r.toVersion + " cannot serve the migrated schema, so HelpDeskRestore " + r.restore + " "
                            + (r.completedAt != null ? "restored" : "restores") + " the pre-upgrade backup " + r.backup + " (writes were frozen"
                            + " from it on: nothing written is lost)" + (r.completedAt != null ? " and app and worker run " + r.toVersion
                            + " on schema " + next.schemaVersion : restoring != null && restoringMessage != null ? "; " + restoringMessage : ""))
                    + ". spec.version still says " + r.fromVersion + ": set it to " + r.toVersion + " to stay, or to a fixed version";
            conditions.set(Conditions.READY, false, "RolledBack", message + suffix());
            conditions.set(Conditions.PROGRESSING, false, "RolledBack", "rolled back from " + r.fromVersion + " to " + r.toVersion);
        } else if (rollbackBlocked != null) {
            conditions.set(Conditions.READY, false, "RollbackRequiresRestore", rollbackBlocked);
            conditions.set(Conditions.PROGRESSING, false, "RollbackRequiresRestore", "stopped: the rollout of " + hd.getSpec().version
                    + " failed and cannot be rolled back without a restore");
        } else if (restoring != null) {
            String message = "HelpDeskRestore " + restoring + " is restoring the database and files; app and worker are stopped until it"
                    + " is done" + (restoringMessage == null ? "" : " (" + restoringMessage + ")");
            conditions.set(Conditions.READY, false, "Restoring", message);
            conditions.set(Conditions.PROGRESSING, true, "Restoring", message);
        } else if (ready) {
            conditions.set(Conditions.READY, true, "AsExpected", "HelpDesk " + hd.getSpec().version + " is ready: " + workloadMessage
                    + (notes.isEmpty() ? "" : "; note: " + String.join("; ", notes)));
            if (next.credentials != null && next.credentials.rollout != null) {
                conditions.set(Conditions.PROGRESSING, true, "RotatingCredentials", credentialsRolloutMessage(next.credentials.rollout));
            } else {
                conditions.set(Conditions.PROGRESSING, false, "Complete", "version " + hd.getSpec().version + " is rolled out");
            }
        } else if (!dataReady) {
            conditions.set(Conditions.READY, false, "WaitingForDatabase", dataMessage + suffix());
            conditions.set(Conditions.PROGRESSING, true, "Provisioning", dataMessage);
        } else if (versionBlocked()) {
            versionCheckConditions();
        } else if (preUpgradeBackup != null && !"Succeeded".equals(preUpgradePhase)) {
            upgradeBackup();
        } else if (migrationFailed) {
            conditions.set(Conditions.READY, false, "MigrationFailed", conditions.get(Conditions.MIGRATED).orElseThrow().getMessage());
            conditions.set(Conditions.PROGRESSING, false, "MigrationFailed", "stopped: the migration Job " + migrationJob + " failed");
        } else if (!migrated) {
            conditions.set(Conditions.READY, false, "Migrating", "waiting for Job " + migrationJob + suffix());
            conditions.set(Conditions.PROGRESSING, true, "Migrating", "Job " + migrationJob + " is migrating the schema");
        } else {
            conditions.set(Conditions.READY, false, trouble != null ? "PodProblem" : "RollingOut", workloadMessage + suffix());
            conditions.set(Conditions.PROGRESSING, true, "RollingOut", workloadMessage);
        }
        next.phase = phase(ready, migrated, migrationFailed);
    }

    /** Ready and Progressing while the upgrade waits for its backup: taking it, or stopped because it failed. */
    private void upgradeBackup() {
        String serving = "version " + next.version + " keeps serving";
        if ("Failed".equals(preUpgradePhase)) {
            String message = "the pre-upgrade backup " + preUpgradeBackup + " failed (" + preUpgradeMessage + "); " + serving + " and the"
                    + " upgrade to " + hd.getSpec().version + " waits. To retry, fix the cause and set the annotation "
                    + dev.helpdesk.operator.lifecycle.MigrationPlan.RETRY_ANNOTATION + " to a new value; to upgrade without a backup, set"
                    + " spec.backup.beforeUpgrade to false";
            conditions.set(Conditions.READY, false, "PreUpgradeBackupFailed", message);
            conditions.set(Conditions.PROGRESSING, false, "PreUpgradeBackupFailed", "stopped: the pre-upgrade backup " + preUpgradeBackup + " failed");
            return;
        }
        conditions.set(Conditions.READY, false, "BackingUp", "backup " + preUpgradeBackup + " runs before the upgrade to "
                + hd.getSpec().version + "; " + serving + suffix());
        conditions.set(Conditions.PROGRESSING, true, "BackingUp", "backup " + preUpgradeBackup + " runs; the migration to "
                + hd.getSpec().version + " starts when it succeeded");
    }

    private String phase(boolean ready, boolean migrated, boolean migrationFailed) {
        if (next.rollback != null) {
            return appAt(next.rollback.toVersion) ? "Degraded" : "RollingBack";
        }
        if (rollbackBlocked != null) {
            return "Failed";
        }
        if (restoring != null) {
            return "Restoring";
        }
        if (versionBlocked()) {
            return versionCheck.state() == dev.helpdesk.operator.lifecycle.VersionCheck.State.RUNNING ? "Upgrading" : "Failed";
        }
        if (preUpgradeBackup != null && !"Succeeded".equals(preUpgradePhase)) {
            return "Failed".equals(preUpgradePhase) ? "Failed" : "BackingUp";
        }
        if (migrationFailed) {
            return "Failed";
        }
        if (ready) {
            return conditions.isTrue(Conditions.DEGRADED) ? "Degraded" : "Ready";
        }
        if (next.version != null && !next.version.equals(hd.getSpec().version)) {
            return "Upgrading";
        }
        if (dataReady && !migrated) {
            return "Migrating";
        }
        return next.version == null ? "Provisioning" : "Degraded";
    }

    private String suffix() {
        return trouble == null ? "" : "; " + trouble;
    }

    private static String down(AppHealthProbe.Report h) {
        List<String> down = new ArrayList<>();
        if (!h.database()) {
            down.add("database");
        }
        if (!h.redis()) {
            down.add("redis");
        }
        if (!h.storage()) {
            down.add("storage");
        }
        return String.join(", ", down) + " unavailable";
    }

    /**
     * The status after a reconcile that threw (a referenced Secret gone, an apply refused): Ready
     * turns False with the error, everything else stays as last observed; the next successful
     * reconcile recomputes it all.
     */
    public static HelpDeskStatus reconcileFailed(HelpDesk hd, HelpDeskStatus previous, String error) {
        HelpDeskStatus next = Serialization.clone(previous);
        long generation = hd.getMetadata().getGeneration() == null ? 0 : hd.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous.conditions, generation);
        for (Condition c : previous.conditions == null ? List.<Condition>of() : previous.conditions) {
            conditions.keep(c.getType());
        }
        conditions.set(Conditions.READY, false, "ReconcileError", "the operator could not apply the spec and retries: " + error);
        next.conditions = conditions.list();
        return next;
    }

    /** Condition changes worth an Event, compared with the previous status, and drift that was corrected. */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>(announcements);
        for (Condition c : next.conditions == null ? conditions.list() : next.conditions) {
            Optional<Condition> before = Conditions.find(previous.conditions, c.getType());
            boolean changed = before.isEmpty() || !Objects.equals(before.get().getStatus(), c.getStatus())
                    || !Objects.equals(before.get().getReason(), c.getReason());
            if (!changed) {
                continue;
            }
            String type = c.getType();
            boolean bad = switch (type) {
                case Conditions.DEGRADED -> "True".equals(c.getStatus());
                default -> "False".equals(c.getStatus())
                        && List.of("MigrationFailed", "InvalidSpec", "PodProblem", "BackupTooOld", "PreUpgradeBackupFailed",
                                "DowngradeRequiresRestore", "VersionCheckFailed", "RolledBack", "RollbackRequiresRestore").contains(c.getReason());
            };
            // a failed backup has its own Event (BackupFailed); a backup overdue has none but this
            boolean quietBackupHealth = type.equals(Conditions.BACKUP_HEALTHY) && !"BackupTooOld".equals(c.getReason());
            if (type.equals(Conditions.PROGRESSING) || (type.equals(Conditions.DEGRADED) && before.isEmpty() && !bad) || quietBackupHealth) {
                continue;
            }
            // "Ready" as an Event reason means the installation; a part that became ready is named by its condition
            String reason = type.equals(Conditions.READY) && "True".equals(c.getStatus()) ? "Ready"
                    : type.equals(Conditions.DEGRADED) && !bad ? "Recovered"
                    : "Ready".equals(c.getReason()) ? type : c.getReason();
            // Ready repeats another condition's reason (WaitingForDatabase, Migrating) in its own words: one Event per reason says it
            if (out.stream().noneMatch(o -> o.reason().equals(reason))) {
                out.add(new Transition(reason, c.getMessage(), bad));
            }
        }
        return out;
    }
}
