package dev.helpdesk.app.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One recorded change: who, what, when, and the old → new values. */
public record AuditEvent(long id, String entityType, long entityId, @Schema(nullable = true) Long ticketId,
                         @Schema(nullable = true) Long actorId, @Schema(nullable = true) String actorName,
                         String action, JsonNode changes, Instant createdAt) {}
