package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class SpamGuardSpec {
    @Default("true")
    @JsonPropertyDescription("Stop customers from opening tickets in quick succession (SPAM_GUARD_ENABLED).")
    public Boolean enabled = true;

    @Default("10000")
    @Min(0)
    @JsonPropertyDescription("Milliseconds a customer waits between new tickets (SPAM_GUARD_COOLDOWN_MS).")
    public Long cooldownMs = 10000L;
}
