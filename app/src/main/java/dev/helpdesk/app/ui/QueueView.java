package dev.helpdesk.app.ui;

import dev.helpdesk.app.ticket.SlaCondition;
import dev.helpdesk.app.ticket.TicketListParams;
import dev.helpdesk.app.ticket.TicketStatus;
import java.util.List;

/** The agent's saved views of the ticket list. */
enum QueueView {
    MINE("My open tickets"), UNASSIGNED("Unassigned"), AT_RISK("At risk"), BREACHED("Breached"), ALL("All tickets");

    private static final List<TicketStatus> OPEN = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);
    final String label;

    QueueView(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase();
    }

    static QueueView parse(String raw) {
        for (QueueView v : values()) {
            if (v.key().equals(raw)) {
                return v;
            }
        }
        return MINE;
    }

    void apply(TicketListParams params) {
        switch (this) {
            case MINE -> {
                params.assignee = "me";
                params.status = OPEN;
            }
            case UNASSIGNED -> {
                params.assignee = "none";
                params.status = OPEN;
            }
            case AT_RISK -> params.sla = SlaCondition.AT_RISK;
            case BREACHED -> params.sla = SlaCondition.BREACHED;
            case ALL -> { }
        }
    }
}
