package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import java.time.Instant;
import java.util.List;

/** What SLA evaluation needs of a ticket itself: the fields policies match on, and where its clocks start. */
public record TicketFacts(long id, TicketStatus status, Priority priority, Long organizationId, Long groupId, List<String> tags,
                          Instant createdAt) {}
