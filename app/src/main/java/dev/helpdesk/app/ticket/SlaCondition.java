package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The ticket list's {@code sla} filter, the agents' "At risk" and "Breached" views: tickets with
 * a running SLA clock due within the reminder lead (SLA_REMINDER_LEAD_MINUTES), or one already
 * overdue (or recorded as breached) while the ticket is still unsolved.
 */
public enum SlaCondition {
    @JsonProperty("at_risk") AT_RISK("at_risk"),
    @JsonProperty("breached") BREACHED("breached");

    private final String apiName;

    SlaCondition(String apiName) {
        this.apiName = apiName;
    }

    /** The SQL condition on ticket {@code t}; its one parameter is the reminder lead in minutes (at_risk) or nothing. */
    String where() {
        String unsolved = "t.status NOT IN ('solved', 'closed')";
        return switch (this) {
            case AT_RISK -> unsolved + " AND EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id"
                    + " AND s.status IN ('active', 'at_risk') AND s.due_at > now() AND s.due_at <= now() + make_interval(mins => ?))";
            case BREACHED -> unsolved + " AND EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id"
                    + " AND (s.status = 'breached' OR (s.status IN ('active', 'at_risk') AND s.due_at <= now())))";
        };
    }

    @Override
    public String toString() {
        return apiName;
    }
}
