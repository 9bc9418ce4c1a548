package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state, recomputed from what the operator sees on every reconcile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelpDeskStatus {
    @JsonPropertyDescription("The generation of the spec this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Version the running app pods have.")
    public String version;

    @JsonPropertyDescription("spec.version while an upgrade to it is under way.")
    public String targetVersion;

    @JsonPropertyDescription("Version before the last upgrade.")
    public String previousVersion;

    @JsonPropertyDescription("Database schema version after the last successful migration.")
    public String schemaVersion;

    @JsonPropertyDescription("Summary for humans: Provisioning, BackingUp, Restoring, Migrating, Upgrading, Ready, Degraded, RollingBack, Failed or Paused.")
    public String phase;

    @JsonPropertyDescription("Ready, Progressing, Degraded, DatabaseReady, Migrated, BackupHealthy (metav1.Condition).")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("App pods.")
    public Replicas app;

    @JsonPropertyDescription("Worker pods.")
    public Replicas worker;

    @JsonPropertyDescription("The app's own health report, from /api/health through the app Service.")
    public Health health;

    @JsonPropertyDescription("In-cluster URL of the app.")
    public String url;

    @JsonPropertyDescription("Major version of the PostgreSQL server, as the last migration found it; backup Jobs use client tools"
            + " of this major.")
    public String postgresMajor;

    @JsonPropertyDescription("The newest successful backup.")
    public LastBackup lastBackup;

    @JsonPropertyDescription("The last HelpDeskRestore whose database this installation took over: from it on, the backup's version ran"
            + " first, then spec.version through a new migration attempt.")
    public RestoreTaken restore;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RestoreTaken {
        @JsonPropertyDescription("Name of the HelpDeskRestore.")
        public String name;
        @JsonPropertyDescription("The backup's app version, which ran first after it.")
        public String appVersion;

        @Override
        public boolean equals(Object o) {
            return o instanceof RestoreTaken r && Objects.equals(name, r.name) && Objects.equals(appVersion, r.appVersion);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, appVersion);
        }
    }

    @JsonPropertyDescription("An automatic rollback: spec.version's rollout failed after its migration and app and worker went back"
            + " to the version before; kept until spec.version changes.")
    public Rollback rollback;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rollback {
        @JsonPropertyDescription("The version whose rollout failed (spec.version).")
        public String fromVersion;
        @JsonPropertyDescription("The version app and worker went back to.")
        public String toVersion;
        @JsonPropertyDescription("Why: the failed rollout, as the Deployment reported it.")
        public String reason;
        @JsonPropertyDescription("When the operator rolled back.")
        public String at;
        @JsonPropertyDescription("The HelpDeskRestore that put the pre-upgrade backup back, when toVersion could not serve the migrated"
                + " schema (only with upgrade.writeFreeze: nothing written since that backup is lost).")
        public String restore;
        @JsonPropertyDescription("The backup that restore used.")
        public String backup;
        @JsonPropertyDescription("When app and worker ran toVersion again.")
        public String completedAt;

        @Override
        public boolean equals(Object o) {
            return o instanceof Rollback r && Objects.equals(fromVersion, r.fromVersion) && Objects.equals(toVersion, r.toVersion)
                    && Objects.equals(reason, r.reason) && Objects.equals(at, r.at) && Objects.equals(restore, r.restore)
                    && Objects.equals(backup, r.backup) && Objects.equals(completedAt, r.completedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromVersion, toVersion, reason, at, restore, backup, completedAt);
        }
    }

    @JsonPropertyDescription("The newest write freeze (upgrade.writeFreeze): from the pre-upgrade backup until the upgrade was over;"
            + " until is empty while writes are frozen.")
    public WriteFreeze writeFreeze;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WriteFreeze {
        @JsonPropertyDescription("When writes were frozen (just before the pre-upgrade backup's dump).")
        public String since;
        @JsonPropertyDescription("The pre-upgrade backup taken under it.")
        public String backup;
        @JsonPropertyDescription("The version the upgrade was to.")
        public String version;
        @JsonPropertyDescription("When writes were accepted again; empty while frozen.")
        public String until;
        @JsonPropertyDescription("How long writes were frozen, in seconds.")
        public Long frozenSeconds;
        @JsonPropertyDescription("The Job that lifted the freeze.")
        public String unfreezeJob;

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFreeze w && Objects.equals(since, w.since) && Objects.equals(backup, w.backup)
                    && Objects.equals(version, w.version) && Objects.equals(until, w.until) && Objects.equals(frozenSeconds, w.frozenSeconds)
                    && Objects.equals(unfreezeJob, w.unfreezeJob);
        }

        @Override
        public int hashCode() {
            return Objects.hash(since, backup, version, until, frozenSeconds, unfreezeJob);
        }

        public boolean active() {
            return until == null;
        }
    }

    @JsonPropertyDescription("Scheduled backups: the last run that was due (taken or skipped) and the next one.")
    public BackupSchedule backupSchedule;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BackupSchedule {
        @JsonPropertyDescription("The schedule these times follow; a changed schedule starts from now.")
        public String schedule;
        @JsonPropertyDescription("The last scheduled time that came due: its backup was created, or skipped (missed or one still running).")
        public String lastScheduleTime;
        @JsonPropertyDescription("The next scheduled time.")
        public String nextScheduleTime;

        @Override
        public boolean equals(Object o) {
            return o instanceof BackupSchedule b && Objects.equals(schedule, b.schedule) && Objects.equals(lastScheduleTime, b.lastScheduleTime)
                    && Objects.equals(nextScheduleTime, b.nextScheduleTime);
        }

        @Override
        public int hashCode() {
            return Objects.hash(schedule, lastScheduleTime, nextScheduleTime);
        }
    }

    @JsonPropertyDescription("The generated credentials: rotation requests handled, and where a change of them is in its rollout.")
    public Credentials credentials;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Credentials {
        @JsonPropertyDescription("Value of helpdesk.dev/rotate-credentials last acted on; a different value rotates the passwords.")
        public String rotationRequest;
        @JsonPropertyDescription("Hash of the credentials the app, worker and migration pods were given; it follows a change of the"
                + " Secret only once PostgreSQL and Redis run with the new passwords.")
        public String workloadsHash;
        @JsonPropertyDescription("Where a change of the passwords is: DataServices (PostgreSQL and Redis restart to apply them),"
                + " Workloads (app and worker pods roll to them); absent when nothing is under way.")
        public String rollout;
        @JsonPropertyDescription("Value of helpdesk.dev/reset-admin-password last acted on.")
        public String adminResetRequest;
        @JsonPropertyDescription("True while the admin Secret is missing after the first admin was created.")
        public Boolean adminSecretMissing;

        @Override
        public boolean equals(Object o) {
            return o instanceof Credentials c && Objects.equals(rotationRequest, c.rotationRequest)
                    && Objects.equals(workloadsHash, c.workloadsHash) && Objects.equals(rollout, c.rollout)
                    && Objects.equals(adminResetRequest, c.adminResetRequest) && Objects.equals(adminSecretMissing, c.adminSecretMissing);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rotationRequest, workloadsHash, rollout, adminResetRequest, adminSecretMissing);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyDescription("The schema migration for the spec's version: which attempt, in which Job.")
    public Migration migration;

    public static class Migration {
        @JsonPropertyDescription("App version the migration is for.")
        public String version;
        @JsonPropertyDescription("Attempt number; a retry (annotation helpdesk.dev/retry-migration) starts the next one.")
        public Integer attempt;
        @JsonPropertyDescription("Name of the attempt's Job.")
        public String job;
        @JsonPropertyDescription("Value of helpdesk.dev/retry-migration when this attempt started; a different value asks for a retry.")
        public String retryRequest;
        @JsonPropertyDescription("True when the Job started before the managed database was ready; if it fails, one more attempt"
                + " starts by itself once the database is ready.")
        public Boolean startedBeforeDatabase;

        @Override
        public boolean equals(Object o) {
            return o instanceof Migration m && java.util.Objects.equals(version, m.version) && java.util.Objects.equals(attempt, m.attempt)
                    && java.util.Objects.equals(job, m.job) && java.util.Objects.equals(retryRequest, m.retryRequest)
                    && java.util.Objects.equals(startedBeforeDatabase, m.startedBeforeDatabase);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(version, attempt, job, retryRequest, startedBeforeDatabase);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LastBackup {
        @JsonPropertyDescription("Name of the HelpDeskBackup.")
        public String name;
        @JsonPropertyDescription("When it completed.")
        public String completedAt;

        @Override
        public boolean equals(Object o) {
            return o instanceof LastBackup b && Objects.equals(name, b.name) && Objects.equals(completedAt, b.completedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, completedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Replicas {
        @JsonPropertyDescription("Pods wanted.")
        public Integer replicas;
        @JsonPropertyDescription("Pods ready.")
        public Integer readyReplicas;
        @JsonPropertyDescription("readyReplicas/replicas, for kubectl get.")
        public String ready;

        public Replicas() {}

        public Replicas(int replicas, int readyReplicas) {
            this.replicas = replicas;
            this.readyReplicas = readyReplicas;
            this.ready = readyReplicas + "/" + replicas;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Replicas r && Objects.equals(replicas, r.replicas) && Objects.equals(readyReplicas, r.readyReplicas)
                    && Objects.equals(ready, r.ready);
        }

        @Override
        public int hashCode() {
            return Objects.hash(replicas, readyReplicas, ready);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Health {
        @JsonPropertyDescription("true, false, or Unknown when the app could not be asked.")
        public String database;
        @JsonPropertyDescription("true, false, or Unknown.")
        public String redis;
        @JsonPropertyDescription("Attachment storage: true, false, or Unknown.")
        public String storage;
        @JsonPropertyDescription("When the app last reported these values.")
        public String checkedAt;

        @Override
        public boolean equals(Object o) {
            return o instanceof Health h && Objects.equals(database, h.database) && Objects.equals(redis, h.redis)
                    && Objects.equals(storage, h.storage) && Objects.equals(checkedAt, h.checkedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(database, redis, storage, checkedAt);
        }
    }
}
