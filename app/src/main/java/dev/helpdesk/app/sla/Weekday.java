package dev.helpdesk.app.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;

/** A day of an opening window, as the API spells it. */
public enum Weekday {
    @JsonProperty("monday") MONDAY,
    @JsonProperty("tuesday") TUESDAY,
    @JsonProperty("wednesday") WEDNESDAY,
    @JsonProperty("thursday") THURSDAY,
    @JsonProperty("friday") FRIDAY,
    @JsonProperty("saturday") SATURDAY,
    @JsonProperty("sunday") SUNDAY;

    public DayOfWeek dayOfWeek() {
        return DayOfWeek.valueOf(name());
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
