package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.ticket.TicketService;
import dev.helpdesk.app.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One change applied to several tickets, each as its own update through the API's rules (a
 * ticket that may not move is reported by number, the others still change).
 */
final class BulkChange {
    static final int MAX_TICKETS = 100;

    record Result(int changed, List<String> failed, String problem) {
        public boolean ok() {
            return problem == null && failed.isEmpty();
        }
    }

    private BulkChange() {}

    static Result apply(TicketService tickets, Actor me, List<String> ids, String status, String assignee) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id != null && id.matches("[1-9][0-9]{0,17}")) {
                chosen.add(Long.parseLong(id));
            }
        }
        if (chosen.isEmpty()) {
            return new Result(0, List.of(), "Select at least one ticket.");
        }
        if (chosen.size() > MAX_TICKETS) {
            return new Result(0, List.of(), "Select at most " + MAX_TICKETS + " tickets at once.");
        }
        TicketService.TicketPatch patch;
        try {
            patch = TicketChange.from(me, status, null, assignee);
        } catch (IllegalArgumentException e) {
            return new Result(0, List.of(), e.getMessage());
        }
        if (!patch.status().isPresent() && !patch.assigneeId().isPresent()) {
            return new Result(0, List.of(), "Choose an assignee or a status to apply.");
        }
        int changed = 0;
        List<String> failed = new ArrayList<>();
        for (long id : chosen) {
            try {
                tickets.update(me, id, patch, null);
                changed++;
            } catch (ApiException e) {
                failed.add("#" + id + ": " + e.getMessage());
            }
        }
        return new Result(changed, failed, null);
    }
}
