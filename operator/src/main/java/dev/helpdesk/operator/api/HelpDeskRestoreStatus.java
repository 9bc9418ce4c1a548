package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Where the restore is; the step it is at is its memory across operator restarts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelpDeskRestoreStatus {
    public static final String PENDING = "Pending";
    public static final String SAFETY_BACKUP = "SafetyBackup";
    public static final String SCALING_DOWN = "ScalingDown";
    public static final String RESTORING = "Restoring";
    public static final String STARTING = "Starting";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    @JsonPropertyDescription("Pending, SafetyBackup, ScalingDown, Restoring, Starting (the backup's version runs, then the spec's),"
            + " Succeeded or Failed.")
    public String phase;
    @JsonPropertyDescription("What it is doing or why it stopped, for humans.")
    public String message;
    @JsonPropertyDescription("When it started its first step.")
    public String startedAt;
    @JsonPropertyDescription("When it succeeded or failed.")
    public String completedAt;
    @JsonPropertyDescription("The backup restored, and where its files were.")
    public String restoredFrom;
    @JsonPropertyDescription("The HelpDeskBackup (reason pre-restore) taken before anything was changed.")
    public String safetyBackup;
    @JsonPropertyDescription("The restore Job.")
    public String job;
    @JsonPropertyDescription("App version of the backup: it runs first after the restore.")
    public String appVersion;
    @JsonPropertyDescription("Schema version the database holds after the restore.")
    public String schemaVersion;
    @JsonPropertyDescription("True once the database holds the backup: the HelpDesk then runs the backup's version, even if putting"
            + " the attachment files back failed afterwards.")
    public Boolean databaseRestored;
    @JsonPropertyDescription("Succeeded (metav1.Condition).")
    public List<Condition> conditions = new ArrayList<>();
}
