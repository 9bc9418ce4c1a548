package dev.helpdesk.app.sla;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three SLA clocks of a ticket (docs/sla.md). */
public enum SlaMetric {
    @JsonProperty("first_response") FIRST_RESPONSE,
    @JsonProperty("next_response") NEXT_RESPONSE,
    @JsonProperty("resolution") RESOLUTION;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
