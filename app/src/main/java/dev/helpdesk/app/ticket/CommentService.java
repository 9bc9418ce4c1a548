package dev.helpdesk.app.ticket;

import dev.helpdesk.app.live.TicketEvents;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.Outbox;
import dev.helpdesk.app.sla.SlaService;
import dev.helpdesk.app.storage.Attachment;
import dev.helpdesk.app.storage.AttachmentRepository;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Rules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replies and internal notes, and the status moves they cause: a customer reply reopens a
 * solved or pending ticket; an agent's first public reply opens a new one.
 */
@ApplicationScoped
public class CommentService {
    static final int MAX_BODY = 65_536;
    private final Db db;
    private final TicketService tickets;
    private final AuditLog audit;
    private final SlaService sla;
    private final TicketEvents events;

    public CommentService(Db db, TicketService tickets, AuditLog audit, SlaService sla, TicketEvents events) {
        this.events = events;
        this.db = db;
        this.tickets = tickets;
        this.audit = audit;
        this.sla = sla;
    }

    /** A reply ({@code public}, the default) or an internal note. */
    @Schema(example = "{\"body\":\"A technician will look at it this afternoon.\",\"public\":true}")
    public record AddComment(@NotBlank @Size(max = MAX_BODY, message = Rules.MAX_CHARS) String body,
                             @com.fasterxml.jackson.annotation.JsonProperty("public") Boolean isPublic) {}

    public Comment add(Actor actor, long ticketId, AddComment body) {
        boolean isPublic = body.isPublic() == null || body.isPublic();
        if (!actor.isStaff() && !isPublic) {
            throw ApiException.forbiddenField("public", "customers cannot write internal notes");
        }
        Ticket[] changed = new Ticket[1];
        Comment added = db.tx(c -> {
            Ticket ticket = tickets.visible(c, actor, ticketId, true);
            changed[0] = ticket;
            if (ticket.status() == TicketStatus.CLOSED) {
                throw ApiException.conflict("ticket-closed", "ticket " + ticketId + " is closed; open a follow-up ticket instead");
            }
            Instant at = Sql.clock(c); // after the lock: this change's one time
            long id = Sql.insert(c, "INSERT INTO comments (ticket_id, author_id, body, public, created_at) VALUES (?, ?, ?, ?, ?)",
                    ticketId, actor.id(), body.body(), isPublic, at);
            audit.record(c, "ticket", ticketId, ticketId, actor.id(), isPublic ? "replied" : "noted",
                    AuditLog.changes().set("commentId", id), at);
            TicketStatus next = statusAfterComment(ticket.status(), actor.isStaff(), isPublic);
            if (next != ticket.status()) {
                TicketRepository.save(c, TicketService.withStatus(ticket, next, at), at);
                audit.record(c, "ticket", ticketId, ticketId, actor.id(), "updated",
                        AuditLog.changes().change("status", ticket.status().toString(), next.toString()), at);
            } else {
                Sql.update(c, "UPDATE tickets SET updated_at = ?, version = version + 1 WHERE id = ?", at, ticketId);
            }
            if (isPublic) {
                sla.refresh(c, ticketId); // replies start and stop SLA clocks
                Outbox.add(c, actor.isStaff() ? Notifications.AGENT_REPLY : Notifications.CUSTOMER_REPLY,
                        Map.of("ticketId", Long.toString(ticketId), "commentId", Long.toString(id)));
            }
            return find(c, id).orElseThrow();
        });
        events.changed(changed[0]);
        return added;
    }

    static TicketStatus statusAfterComment(TicketStatus current, boolean byStaff, boolean isPublic) {
        if (!byStaff) {
            return current == TicketStatus.SOLVED || current == TicketStatus.PENDING ? TicketStatus.OPEN : current;
        }
        return isPublic && current == TicketStatus.NEW ? TicketStatus.OPEN : current;
    }

    public List<Comment> list(Actor actor, long ticketId) {
        return db.read(c -> {
            tickets.visible(c, actor, ticketId, false);
            Map<Long, List<Attachment>> files = AttachmentRepository.forTicket(c, ticketId).stream()
                    .filter(a -> a.commentId() != null) // the description's files are listed with the ticket's
                    .collect(Collectors.groupingBy(Attachment::commentId));
            return Sql.list(c, SELECT + "WHERE c.ticket_id = ?" + (actor.isStaff() ? "" : " AND c.public") + " ORDER BY c.id",
                    rs -> map(rs, files.getOrDefault(rs.getLong("id"), List.of())), ticketId);
        });
    }

    /**
     * Checks the actor may add files to the comment ({@code commentId}) or, when null, to the
     * ticket's description: it is visible to them, customers add only to what they wrote, and the
     * ticket is not closed (409). With {@code lock} the ticket stays locked until the transaction ends.
     */
    public void attachable(Connection c, Actor actor, long ticketId, Long commentId, boolean lock) throws SQLException {
        Ticket ticket = tickets.visible(c, actor, ticketId, lock);
        if (ticket.status() == TicketStatus.CLOSED) {
            throw ApiException.conflict("ticket-closed", "ticket " + ticketId + " is closed; open a follow-up ticket instead");
        }
        long author = commentId == null ? ticket.requesterId() : visible(c, actor, ticketId, commentId).authorId();
        if (!actor.isStaff() && author != actor.id()) {
            throw ApiException.forbidden(commentId == null ? "customers can attach files only to tickets they opened"
                    : "customers can attach files only to their own comments");
        }
    }

    /** Checks the actor may see files of the comment, or (null) of the ticket's description; 404 otherwise. */
    public void seeable(Connection c, Actor actor, long ticketId, Long commentId) throws SQLException {
        if (commentId == null) {
            tickets.visible(c, actor, ticketId, false);
        } else {
            visible(c, actor, ticketId, commentId);
        }
    }

    public Comment get(Actor actor, long ticketId, long commentId) {
        return db.read(c -> visible(c, actor, ticketId, commentId));
    }

    /** The comment if the actor may see it (its ticket is visible, and it is public or the actor is staff). */
    public Comment visible(Connection c, Actor actor, long ticketId, long commentId) throws SQLException {
        tickets.visible(c, actor, ticketId, false);
        return find(c, commentId).filter(cm -> cm.ticketId() == ticketId && (cm.isPublic() || actor.isStaff()))
                .orElseThrow(() -> ApiException.notFound("comment " + commentId));
    }

    private static final String SELECT = "SELECT c.id, c.ticket_id, c.author_id, u.name AS author_name, c.body, c.public, "
            + "c.created_at FROM comments c JOIN users u ON u.id = c.author_id ";

    private static java.util.Optional<Comment> find(Connection c, long id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE c.id = ?", rs -> map(rs, AttachmentRepository.forComment(c, id)), id);
    }

    private static Comment map(ResultSet rs, List<Attachment> attachments) throws SQLException {
        return new Comment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getLong("author_id"), rs.getString("author_name"),
                rs.getString("body"), rs.getBoolean("public"), Sql.instant(rs, "created_at"), attachments);
    }
}
