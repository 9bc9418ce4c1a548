package dev.helpdesk.app.ticket;

import dev.helpdesk.app.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for single tickets; list queries are built by {@link TicketQuery}. */
final class TicketRepository {
    static final String COLUMNS = "t.id, t.subject, t.description, t.status, t.priority, t.requester_id, t.organization_id, "
            + "t.assignee_id, t.group_id, t.tags, t.created_at, t.updated_at, t.solved_at, t.closed_at, t.version";

    private TicketRepository() {}

    static Ticket map(ResultSet rs) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getString("subject"), rs.getString("description"),
                TicketStatus.parse(rs.getString("status")), Priority.parse(rs.getString("priority")),
                rs.getLong("requester_id"), Sql.nullableLong(rs, "organization_id"), Sql.nullableLong(rs, "assignee_id"),
                Sql.nullableLong(rs, "group_id"), Sql.textArray(rs, "tags"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "solved_at"), Sql.instant(rs, "closed_at"), rs.getLong("version"), null);
    }

    static Optional<Ticket> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM tickets t WHERE t.id = ?", TicketRepository::map, id);
    }

    /** The ticket, locked until the transaction ends, so concurrent edits apply one after the other. */
    static Optional<Ticket> lock(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM tickets t WHERE t.id = ? FOR UPDATE", TicketRepository::map, id);
    }

    static void save(Connection c, Ticket t, java.time.Instant at) throws SQLException {
        Sql.update(c, "UPDATE tickets SET subject = ?, description = ?, status = ?, priority = ?, assignee_id = ?, "
                        + "group_id = ?, tags = ?, solved_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                t.subject(), t.description(), t.status(), t.priority(), t.assigneeId(), t.groupId(), t.tags(),
                t.solvedAt(), t.closedAt(), at, t.id());
    }
}
