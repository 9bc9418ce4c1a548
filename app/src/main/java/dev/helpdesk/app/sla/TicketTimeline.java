package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What happened to a ticket that SLA clocks care about, in time order. Internal notes are not in it. */
public final class TicketTimeline {
    public sealed interface Event permits Created, StatusChanged, AgentReply, CustomerMessage {
        Instant at();
    }

    public record Created(Instant at, TicketStatus status) implements Event {}

    public record StatusChanged(Instant at, TicketStatus to) implements Event {}

    /** A public reply by an agent (internal notes never count). */
    public record AgentReply(Instant at) implements Event {}

    /** A message from the requester's side (a public comment by a customer). */
    public record CustomerMessage(Instant at) implements Event {}

    private final List<Event> events = new ArrayList<>();

    public TicketTimeline add(Event e) {
        events.add(e);
        events.sort(Comparator.comparing(Event::at));
        return this;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }
}
