package dev.helpdesk.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Writes audit events in the caller's transaction, so a change and its record commit together. */
@ApplicationScoped
public class AuditLog {
    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    /** Old → new values of the fields that really changed; build with {@link #change}. */
    public static final class Changes {
        private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();

        public Changes change(String field, Object from, Object to) {
            if (!Objects.equals(from, to)) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("from", from);
                pair.put("to", to);
                fields.put(field, pair);
            }
            return this;
        }

        public Changes set(String field, Object to) {
            return change(field, null, to);
        }

        public boolean isEmpty() {
            return fields.isEmpty();
        }

        Map<String, Map<String, Object>> asMap() {
            return fields;
        }
    }

    public static Changes changes() {
        return new Changes();
    }

    /** Records a change of a record whose row this transaction has written (and so locked): stamped with the clock now. */
    public void record(Connection c, String entityType, long entityId, Long ticketId, Long actorId, String action,
                       Changes changes) throws SQLException {
        record(c, entityType, entityId, ticketId, actorId, action, changes, null);
    }

    /** Records a change stamped {@code at}, the one time of the whole change (see {@link Sql#clock}). */
    public void record(Connection c, String entityType, long entityId, Long ticketId, Long actorId, String action,
                       Changes changes, java.time.Instant at) throws SQLException {
        SqlBatch batch = new SqlBatch();
        record(batch, entityType, entityId, ticketId, actorId, action, changes, at);
        batch.run(c);
    }

    /** As {@link #record(Connection, String, long, Long, Long, String, Changes, java.time.Instant)}, written with the batch's other statements. */
    public void record(SqlBatch batch, String entityType, long entityId, Long ticketId, Long actorId, String action,
                       Changes changes, java.time.Instant at) {
        String body;
        try {
            body = json.writeValueAsString(changes.asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        batch.update("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, COALESCE(?, clock_timestamp()))", entityType, entityId, ticketId, actorId, action, body, at);
    }
}
