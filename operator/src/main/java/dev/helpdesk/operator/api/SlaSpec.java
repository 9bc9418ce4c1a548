package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class SlaSpec {
    @Default("30")
    @Min(0)
    @JsonPropertyDescription("Minutes before an SLA deadline when a reminder is sent (SLA_REMINDER_LEAD_MINUTES).")
    public Integer reminderLeadMinutes = 30;

    @Default("60")
    @Min(5)
    @JsonPropertyDescription("Seconds between SLA scans (SLA_CHECK_INTERVAL_SECONDS).")
    public Integer checkIntervalSeconds = 60;
}
