package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class UpgradeSpec {
    @Default("true")
    @JsonPropertyDescription("Return to the previous version when a rollout fails after a successful migration.")
    public Boolean autoRollback = true;

    @Default("true")
    @JsonPropertyDescription("With autoRollback and backup.beforeUpgrade: the desk is read-only (writes answer 503, reads work) from"
            + " the pre-upgrade backup until the new version is ready, so a rollback that must restore that backup loses nothing.")
    public Boolean writeFreeze = true;

    /** The pre-upgrade backup freezes writes: only useful when a rollback may restore it. */
    public boolean freezesWrites(BackupSpec backup) {
        return Boolean.TRUE.equals(autoRollback) && Boolean.TRUE.equals(writeFreeze) && Boolean.TRUE.equals(backup.beforeUpgrade);
    }

    @Default("900")
    @Min(30)
    @JsonPropertyDescription("Seconds a migration Job may run (activeDeadlineSeconds).")
    public Integer migrationTimeoutSeconds = 900;

    @Default("600")
    @Min(30)
    @JsonPropertyDescription("Seconds a rollout may take before it counts as failed (progressDeadlineSeconds).")
    public Integer progressDeadlineSeconds = 600;

    @Default("1")
    @Min(0)
    @io.fabric8.generator.annotation.Max(20)
    @JsonPropertyDescription("Finished migration Jobs that succeeded to keep (newest first); older ones are deleted.")
    public Integer successfulJobsHistoryLimit = 1;

    @Default("1")
    @Min(0)
    @io.fabric8.generator.annotation.Max(20)
    @JsonPropertyDescription("Finished migration Jobs that failed to keep (newest first), so their logs explain the failure.")
    public Integer failedJobsHistoryLimit = 1;
}
