package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A ticket as the API shows it; {@code sla} is null while no SLA policy applies; {@code version} is its ETag. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Ticket(long id, String subject, String description, TicketStatus status, Priority priority,
                     long requesterId, Long organizationId, Long assigneeId, Long groupId, List<String> tags,
                     Instant createdAt, Instant updatedAt, Instant solvedAt, Instant closedAt, long version, Object sla) {

    public Ticket withSla(Object view) {
        return new Ticket(id, subject, description, status, priority, requesterId, organizationId, assigneeId, groupId, tags,
                createdAt, updatedAt, solvedAt, closedAt, version, view);
    }
}
