package dev.helpdesk.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Page;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditQueries {
    private static final String SELECT = "SELECT a.id, a.entity_type, a.entity_id, a.ticket_id, a.actor_id, u.name AS actor_name, "
            + "a.action, a.changes::text AS changes, a.created_at FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id ";
    private final Db db;
    private final ObjectMapper json;

    public AuditQueries(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Page<AuditEvent> forTicket(long ticketId, PageRequest page) {
        return db.read(c -> page.of(
                Sql.list(c, SELECT + "WHERE a.ticket_id = ? ORDER BY a.id LIMIT ? OFFSET ?", this::map,
                        ticketId, page.size(), page.offset()),
                Sql.count(c, "SELECT count(*) FROM audit_events WHERE ticket_id = ?", ticketId)));
    }

    private AuditEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            return new AuditEvent(rs.getLong("id"), rs.getString("entity_type"), rs.getLong("entity_id"),
                    Sql.nullableLong(rs, "ticket_id"), Sql.nullableLong(rs, "actor_id"), rs.getString("actor_name"),
                    rs.getString("action"), json.readTree(rs.getString("changes")), Sql.instant(rs, "created_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
