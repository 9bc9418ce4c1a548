package dev.helpdesk.app.ticket;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.helpdesk.app.sla.SlaView;
import dev.helpdesk.app.sla.TicketFacts;
import java.time.Instant;
import java.util.List;

/** A ticket as the API shows it; {@code sla} is null while no SLA policy applies; {@code version} is its ETag. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Ticket(long id, String subject, String description, TicketStatus status, Priority priority,
                     long requesterId, @Schema(nullable = true) Long organizationId, @Schema(nullable = true) Long assigneeId, @Schema(nullable = true) Long groupId, List<String> tags,
                     Instant createdAt, Instant updatedAt, @Schema(nullable = true) Instant solvedAt, @Schema(nullable = true) Instant closedAt, long version,
                     @Schema(nullable = true) SlaView sla) {

    public Ticket withSla(SlaView view) {
        return new Ticket(id, subject, description, status, priority, requesterId, organizationId, assigneeId, groupId, tags,
                createdAt, updatedAt, solvedAt, closedAt, version, view);
    }

    /** What SLA evaluation reads of the ticket itself, so a ticket just read need not be read again. */
    public TicketFacts slaFacts() {
        return new TicketFacts(id, status, priority, organizationId, groupId, tags, createdAt);
    }
}
