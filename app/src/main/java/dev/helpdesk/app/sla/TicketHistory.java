package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What SLA evaluation reads about tickets: the fields policies match on, and the timeline of
 * creation, status changes (from the audit trail) and public comments. Many tickets are read with
 * one query per source, so a scan costs a few round trips per batch instead of four per ticket.
 */
final class TicketHistory {
    private TicketHistory() {}

    private static final String FACTS = "SELECT id, status, priority, organization_id, group_id, tags, created_at FROM tickets ";

    /** The tickets that exist among {@code ids}, in the order given. */
    static Map<Long, TicketFacts> facts(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, TicketFacts> byId = new HashMap<>();
        for (TicketFacts f : Sql.list(c, FACTS + "WHERE id = ANY (?::bigint[])", TicketHistory::facts, ids)) {
            byId.put(f.id(), f);
        }
        Map<Long, TicketFacts> out = new LinkedHashMap<>();
        for (Long id : ids) {
            TicketFacts f = byId.get(id);
            if (f != null) {
                out.put(id, f);
            }
        }
        return out;
    }

    private static TicketFacts facts(java.sql.ResultSet rs) throws SQLException {
        return new TicketFacts(rs.getLong("id"), TicketStatus.parse(rs.getString("status")), Priority.parse(rs.getString("priority")),
                Sql.nullableLong(rs, "organization_id"), Sql.nullableLong(rs, "group_id"), Sql.textArray(rs, "tags"),
                Sql.instant(rs, "created_at"));
    }

    private record StatusRow(long ticketId, String action, Instant at, String status) {}

    private record CommentRow(long ticketId, Instant at, String authorRole) {}

    /** The timelines of many tickets, read in one round trip (the audit trail and public comments). */
    static Map<Long, TicketTimeline> timelines(Connection c, Collection<TicketFacts> tickets) throws SQLException {
        SqlBatch batch = new SqlBatch();
        Supplier<Map<Long, TicketTimeline>> timelines = timelines(batch, tickets);
        batch.run(c);
        return timelines.get();
    }

    /** The timelines of many tickets, read with the batch's other statements; ready once it has run. */
    static Supplier<Map<Long, TicketTimeline>> timelines(SqlBatch batch, Collection<TicketFacts> tickets) {
        List<Long> ids = tickets.stream().map(TicketFacts::id).toList();
        SqlBatch.Rows<StatusRow> statusRows = batch.query("SELECT ticket_id, action, created_at, changes->'status'->>'to' AS s "
                + "FROM audit_events WHERE ticket_id = ANY (?::bigint[]) "
                + "AND (action = 'created' OR (action = 'updated' AND changes->'status' IS NOT NULL)) ORDER BY ticket_id, id",
                rs -> new StatusRow(rs.getLong("ticket_id"), rs.getString("action"), Sql.instant(rs, "created_at"), rs.getString("s")), ids);
        SqlBatch.Rows<CommentRow> commentRows = batch.query("SELECT c.ticket_id, c.created_at, u.role FROM comments c "
                + "JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ANY (?::bigint[]) AND c.public ORDER BY c.ticket_id, c.id",
                rs -> new CommentRow(rs.getLong("ticket_id"), Sql.instant(rs, "created_at"), rs.getString("role")), ids);
        return () -> build(tickets, statusRows.list(), commentRows.list());
    }

    private static Map<Long, TicketTimeline> build(Collection<TicketFacts> tickets, List<StatusRow> statusRows, List<CommentRow> commentRows) {
        Map<Long, List<StatusRow>> audit = new HashMap<>();
        for (StatusRow r : statusRows) {
            audit.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(r);
        }
        Map<Long, List<CommentRow>> comments = new HashMap<>();
        for (CommentRow r : commentRows) {
            comments.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(r);
        }
        Map<Long, TicketTimeline> out = new LinkedHashMap<>();
        for (TicketFacts t : tickets) {
            List<StatusRow> rows = audit.getOrDefault(t.id(), List.of());
            // the first 'created' record names the initial status; without one (or without a status in it) the current one stands in
            String initial = rows.stream().filter(r -> r.action().equals("created")).findFirst().map(StatusRow::status).orElse(null);
            TicketTimeline timeline = new TicketTimeline();
            timeline.add(new TicketTimeline.Created(t.createdAt(), initial == null ? t.status() : TicketStatus.parse(initial)));
            for (StatusRow r : rows) {
                if (r.action().equals("updated")) {
                    timeline.add(new TicketTimeline.StatusChanged(r.at(), TicketStatus.parse(r.status())));
                }
            }
            for (CommentRow r : comments.getOrDefault(t.id(), List.of())) {
                timeline.add(message(r.at(), r.authorRole()));
            }
            out.put(t.id(), timeline);
        }
        return out;
    }

    private static TicketTimeline.Event message(Instant at, String authorRole) {
        return "customer".equals(authorRole) ? new TicketTimeline.CustomerMessage(at) : new TicketTimeline.AgentReply(at);
    }

    /**
     * One ticket's facts, read on its own. With {@link #timeline}, these are the per-ticket reads that
     * {@link #facts} and {@link #timelines} replaced, kept as the reference the batch reads are tested against.
     */
    static Optional<TicketFacts> fact(Connection c, long id) throws SQLException {
        return Sql.one(c, FACTS + "WHERE id = ?", TicketHistory::facts, id);
    }

    /** One ticket's timeline, a query per source. */
    static TicketTimeline timeline(Connection c, TicketFacts t) throws SQLException {
        TicketTimeline timeline = new TicketTimeline();
        TicketStatus initial = Sql.one(c, "SELECT changes->'status'->>'to' AS s FROM audit_events WHERE ticket_id = ? "
                + "AND action = 'created' ORDER BY id LIMIT 1", rs -> rs.getString("s"), t.id())
                .map(TicketStatus::parse).orElse(t.status());
        timeline.add(new TicketTimeline.Created(t.createdAt(), initial));
        for (Map.Entry<Instant, String> change : Sql.list(c, "SELECT created_at, changes->'status'->>'to' AS s FROM audit_events "
                + "WHERE ticket_id = ? AND action = 'updated' AND changes->'status' IS NOT NULL ORDER BY id",
                rs -> Map.entry(Sql.instant(rs, "created_at"), rs.getString("s")), t.id())) {
            timeline.add(new TicketTimeline.StatusChanged(change.getKey(), TicketStatus.parse(change.getValue())));
        }
        for (Map.Entry<Instant, String> comment : Sql.list(c, "SELECT c.created_at, u.role FROM comments c JOIN users u ON u.id = c.author_id "
                + "WHERE c.ticket_id = ? AND c.public ORDER BY c.id", rs -> Map.entry(Sql.instant(rs, "created_at"), rs.getString("role")), t.id())) {
            timeline.add(message(comment.getKey(), comment.getValue()));
        }
        return timeline;
    }
}
