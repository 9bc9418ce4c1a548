package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Backups (run by later capabilities; accepted and validated now so specs stay stable). */
public class BackupSpec {
    @JsonPropertyDescription("Cron schedule for automatic backups, e.g. '0 2 * * *'; none when empty.")
    public String schedule;

    @Default("true")
    @JsonPropertyDescription("Back up before every version upgrade.")
    public Boolean beforeUpgrade = true;

    @JsonPropertyDescription("How many backups to keep.")
    public Retention retention = new Retention();

    public static class Retention {
        @Default("7") @Min(0) @JsonPropertyDescription("Most recent backups kept.")
        public Integer keepLast = 7;
        @Default("7") @Min(0) @JsonPropertyDescription("Daily backups kept.")
        public Integer keepDaily = 7;
        @Default("4") @Min(0) @JsonPropertyDescription("Weekly backups kept.")
        public Integer keepWeekly = 4;
        @Default("3") @Min(0) @JsonPropertyDescription("Monthly backups kept.")
        public Integer keepMonthly = 3;
    }
}
