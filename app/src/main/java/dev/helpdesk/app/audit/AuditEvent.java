package dev.helpdesk.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One recorded change: who, what, when, and the old → new values. */
public record AuditEvent(long id, String entityType, long entityId, Long ticketId, Long actorId, String actorName,
                         String action, JsonNode changes, Instant createdAt) {}
