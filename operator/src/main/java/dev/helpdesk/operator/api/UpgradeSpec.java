package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class UpgradeSpec {
    @Default("true")
    @JsonPropertyDescription("Return to the previous version when a rollout fails after a successful migration.")
    public Boolean autoRollback = true;

    @Default("900")
    @Min(30)
    @JsonPropertyDescription("Seconds a migration Job may run (activeDeadlineSeconds).")
    public Integer migrationTimeoutSeconds = 900;

    @Default("600")
    @Min(30)
    @JsonPropertyDescription("Seconds a rollout may take before it counts as failed (progressDeadlineSeconds).")
    public Integer progressDeadlineSeconds = 600;
}
