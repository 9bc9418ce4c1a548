package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;

/** Ticket lifecycle. Closed is final: a follow-up is a new ticket. */
public enum TicketStatus {
    @JsonProperty("new") NEW,
    @JsonProperty("open") OPEN,
    @JsonProperty("pending") PENDING,
    @JsonProperty("on_hold") ON_HOLD,
    @JsonProperty("solved") SOLVED,
    @JsonProperty("closed") CLOSED;

    /** Where a ticket in this status may go next; nothing returns to {@code new}. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
            case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED);
            case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return target == this || next().contains(target);
    }

    public static TicketStatus parse(String raw) {
        for (TicketStatus s : values()) {
            if (s.toString().equals(raw)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of new, open, pending, on_hold, solved, closed (got '" + raw + "')");
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
