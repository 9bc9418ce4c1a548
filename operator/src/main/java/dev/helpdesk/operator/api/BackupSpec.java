package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Scheduled backups, the pre-upgrade backup, retention, and where backups are stored. */
public class BackupSpec {
    @JsonPropertyDescription("Cron schedule (5 fields, UTC) for automatic backups, e.g. '0 2 * * *'; none when empty."
            + " A run missed while the operator was not running is skipped, not replayed.")
    public String schedule;

    @Default("true")
    @JsonPropertyDescription("Back up before every version upgrade; the migration waits for that backup.")
    public Boolean beforeUpgrade = true;

    @JsonPropertyDescription("How many scheduled backups to keep; older ones are deleted with their stored files.")
    public Retention retention = new Retention();

    @JsonPropertyDescription("Where backups are stored: a volume (default) or an S3 bucket.")
    public Target target = new Target();

    public static class Retention {
        @Default("7") @Min(0) @JsonPropertyDescription("Most recent backups kept.")
        public Integer keepLast = 7;
        @Default("7") @Min(0) @JsonPropertyDescription("Days for which the newest backup of the day is kept.")
        public Integer keepDaily = 7;
        @Default("4") @Min(0) @JsonPropertyDescription("Weeks (ISO) for which the newest backup of the week is kept.")
        public Integer keepWeekly = 4;
        @Default("3") @Min(0) @JsonPropertyDescription("Months for which the newest backup of the month is kept.")
        public Integer keepMonthly = 3;
    }

    @ValidationRule(value = "!(has(self.s3) && has(self.s3.bucket) && self.s3.bucket != '') || (has(self.s3.endpoint) && self.s3.endpoint != '')",
            message = "backup.target.s3: endpoint is required when a bucket is set")
    public static class Target {
        @JsonPropertyDescription("A volume NAME-backups for the backups; it is not deleted with the HelpDesk.")
        public Pvc pvc = new Pvc();

        @JsonPropertyDescription("An S3-compatible bucket; used instead of the volume when bucket is set.")
        public S3 s3;

        public boolean usesS3Bucket() {
            return s3 != null && s3.bucket != null && !s3.bucket.isEmpty();
        }
    }

    public static class Pvc {
        @Default("20Gi")
        @JsonPropertyDescription("Size of the backup volume. Fixed when the volume is created.")
        public String size = "20Gi";

        @JsonPropertyDescription("StorageClass of the backup volume; the cluster default when unset. Fixed when the volume is created.")
        public String storageClassName;
    }

    /** The attachments' S3 settings plus a folder: the same keys in the same kind of Secret. */
    public static class S3 extends AttachmentsSpec.S3 {
        @JsonPropertyDescription("Folder in the bucket; each backup is a folder below it named after the HelpDeskBackup.")
        public String prefix;
    }
}
