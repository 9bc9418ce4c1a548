package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the ticket list's {@code total} is found: counted exactly up to {@link TicketQuery#EXACT_UP_TO}
 * matches and estimated beyond (the default; counting a fifth of a large desk costs more than the
 * page), or always counted ({@code count=exact}).
 */
public enum TotalCount {
    @JsonProperty("estimate") ESTIMATE("estimate"),
    @JsonProperty("exact") EXACT("exact");

    private final String apiName;

    TotalCount(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
