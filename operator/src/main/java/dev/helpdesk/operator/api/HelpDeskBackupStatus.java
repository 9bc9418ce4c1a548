package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Where the backup is and what it holds; the storage and image it used are kept so it can be deleted after its HelpDesk. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelpDeskBackupStatus {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    public String phase;
    @JsonPropertyDescription("Why it is where it is, for humans.")
    public String message;
    @JsonPropertyDescription("The HelpDesk backed up, as recorded when the backup started.")
    public String helpDesk;
    @JsonPropertyDescription("The Job that takes (or took) the backup.")
    public String job;
    @JsonPropertyDescription("When the Job was created.")
    public String startedAt;
    @JsonPropertyDescription("When it succeeded or failed.")
    public String completedAt;
    @JsonPropertyDescription("Where the files are: a folder on the backup volume or an s3:// URL.")
    public String location;
    @JsonPropertyDescription("Bytes stored (database dump plus attachments archive).")
    public Long sizeBytes;
    @JsonPropertyDescription("sizeBytes for humans, e.g. 12.5 MiB.")
    public String size;
    @JsonPropertyDescription("sha256 of the backup's manifest, which holds the sha256 of each part.")
    public String sha256;
    @JsonPropertyDescription("App version that took it: a restore runs this version first.")
    public String appVersion;
    @JsonPropertyDescription("Database schema version it holds.")
    public String schemaVersion;
    @JsonPropertyDescription("Attachment files it holds.")
    public Integer attachments;
    @JsonPropertyDescription("Image of the Job: the delete Job uses it too, even after the HelpDesk is gone.")
    public String image;
    @JsonPropertyDescription("The Job froze the desk's writes before dumping (a pre-upgrade backup with upgrade.writeFreeze).")
    public Boolean writesFrozen;
    @JsonPropertyDescription("Since when writes were frozen, as the backup found it: nothing was written after this backup until the"
            + " freeze was lifted, so restoring it loses nothing.")
    public String writesFrozenAt;
    @JsonPropertyDescription("Where it was stored, copied from the HelpDesk's spec.backup.target when it started.")
    public BackupSpec.Target target;
    @JsonPropertyDescription("Succeeded (metav1.Condition).")
    public List<Condition> conditions = new ArrayList<>();
}
