package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Priority {
    @JsonProperty("low") LOW,
    @JsonProperty("normal") NORMAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("urgent") URGENT;

    public static Priority parse(String raw) {
        for (Priority p : values()) {
            if (p.toString().equals(raw)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be one of low, normal, high, urgent (got '" + raw + "')");
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
