package dev.helpdesk.app.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Role {
    @JsonProperty("admin") ADMIN,
    @JsonProperty("agent") AGENT,
    @JsonProperty("customer") CUSTOMER;

    public static Role of(String value) {
        return valueOf(value.toUpperCase());
    }

    /** Admins are agents too: they work tickets as well as manage the desk. */
    public boolean isStaff() {
        return this != CUSTOMER;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
