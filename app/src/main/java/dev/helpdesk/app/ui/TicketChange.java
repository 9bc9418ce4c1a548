package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketService;
import dev.helpdesk.app.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.List;
import org.openapitools.jackson.nullable.JsonNullable;

/** The ticket page's controls (status, priority, assignee) as the merge patch the API applies. */
final class TicketChange {
    private TicketChange() {}

    /** A blank field changes nothing; assignee is "keep", "me", "none" or a user id. IllegalArgumentException names a bad value. */
    static TicketService.TicketPatch from(Actor me, String status, String priority, String assignee) {
        JsonNullable<TicketStatus> s = blank(status) ? JsonNullable.undefined() : JsonNullable.of(TicketStatus.parse(status));
        JsonNullable<Priority> p = blank(priority) ? JsonNullable.undefined() : JsonNullable.of(Priority.parse(priority));
        JsonNullable<Long> a = switch (blank(assignee) ? "keep" : assignee) {
            case "keep" -> JsonNullable.undefined();
            case "me" -> JsonNullable.of(me.id());
            case "none" -> JsonNullable.of(null);
            default -> {
                if (!assignee.matches("[1-9][0-9]{0,17}")) {
                    throw new IllegalArgumentException("assignee must be keep, me, none or an agent");
                }
                yield JsonNullable.of(Long.parseLong(assignee));
            }
        };
        return new TicketService.TicketPatch(JsonNullable.undefined(), JsonNullable.undefined(), s, p, a, JsonNullable.undefined(),
                JsonNullable.undefined());
    }

    /** The statuses a ticket may be set to from its current one (itself first). */
    static List<String> statusChoices(TicketStatus current) {
        List<String> choices = new ArrayList<>(List.of(current.toString()));
        current.next().forEach(n -> choices.add(n.toString()));
        return choices;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
