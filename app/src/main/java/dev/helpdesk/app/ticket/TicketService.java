package dev.helpdesk.app.ticket;

import dev.helpdesk.app.abuse.SpamGuard;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.Outbox;
import dev.helpdesk.app.sla.SlaService;
import dev.helpdesk.app.sla.SlaView;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.Patch;
import dev.helpdesk.app.web.Validator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Ticket rules: who may do what, allowed status transitions, and an audit record for every change. */
@ApplicationScoped
public class TicketService {
    static final int MAX_SUBJECT = 255;
    static final int MAX_DESCRIPTION = 65_536;
    private final Db db;
    private final AuditLog audit;
    private final SpamGuard spamGuard;
    private final Counter created;
    private final SlaService sla;

    public TicketService(Db db, AuditLog audit, SpamGuard spamGuard, MeterRegistry metrics, SlaService sla) {
        this.db = db;
        this.sla = sla;
        this.audit = audit;
        this.spamGuard = spamGuard;
        this.created = Counter.builder("helpdesk.tickets.created").description("Tickets created").register(metrics);
    }

    public record CreateTicket(String subject, String description, Priority priority, Long requesterId,
                               Long assigneeId, Long groupId, List<String> tags) {}

    public Ticket create(Actor actor, CreateTicket body) {
        if (body == null) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        if (!actor.isStaff()) {
            agentOnly("requesterId", body.requesterId());
            agentOnly("assigneeId", body.assigneeId());
            agentOnly("groupId", body.groupId());
        }
        Validator v = new Validator()
                .required("subject", body.subject()).maxLength("subject", body.subject(), MAX_SUBJECT)
                .required("description", body.description()).maxLength("description", body.description(), MAX_DESCRIPTION);
        List<String> tags = checkTags(v, body.tags());
        v.throwIfInvalid();
        Ticket ticket = db.tx(c -> {
            long requesterId = body.requesterId() == null ? actor.id() : body.requesterId();
            User requester = UserRepository.find(c, requesterId)
                    .orElseThrow(() -> ApiException.invalidField("requesterId", "user " + requesterId + " does not exist"));
            if (body.assigneeId() != null) {
                requireAgent(c, "assigneeId", body.assigneeId());
            }
            if (body.groupId() != null) {
                requireGroup(c, body.groupId());
            }
            if (!actor.isStaff()) {
                spamGuard.admit(c, requesterId);
            }
            TicketStatus status = body.assigneeId() == null ? TicketStatus.NEW : TicketStatus.OPEN;
            Priority priority = body.priority() == null ? Priority.NORMAL : body.priority();
            long id = Sql.insert(c, "INSERT INTO tickets (subject, description, status, priority, requester_id, organization_id, "
                            + "assignee_id, group_id, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    body.subject().trim(), body.description(), status, priority, requesterId, requester.organizationId(),
                    body.assigneeId(), body.groupId(), tags);
            audit.record(c, "ticket", id, id, actor.id(), "created", AuditLog.changes()
                    .set("subject", body.subject().trim()).set("status", status.toString()).set("priority", priority.toString())
                    .set("requesterId", requesterId).set("assigneeId", body.assigneeId()).set("groupId", body.groupId())
                    .set("tags", tags.isEmpty() ? null : tags));
            Outbox.add(c, Notifications.TICKET_CREATED, Map.of("ticketId", Long.toString(id)));
            if (body.assigneeId() != null) {
                Outbox.add(c, Notifications.ASSIGNED, Map.of("ticketId", Long.toString(id)));
            }
            return refreshed(c, actor, id);
        });
        created.increment();
        return ticket;
    }

    public Ticket get(Actor actor, long id) {
        return db.read(c -> withSla(c, actor, visible(c, actor, id, false)));
    }

    public Page<Ticket> list(Actor actor, TicketFilter filter) {
        return db.read(c -> {
            Page<Ticket> page = new TicketQuery(actor, filter).run(c, filter);
            if (!actor.isStaff()) {
                return page;
            }
            SlaService.Policies policies = sla.policies(c);
            if (policies.isEmpty()) {
                return page;
            }
            List<Ticket> items = new java.util.ArrayList<>();
            for (Ticket t : page.items()) {
                items.add(t.withSla(sla.view(c, t.id(), policies).orElse(null)));
            }
            return new Page<>(items, page.total(), page.page(), page.size());
        });
    }

    /** SLA details are for agents only. */
    private Ticket withSla(Connection c, Actor actor, Ticket t) throws SQLException {
        return actor.isStaff() ? t.withSla(sla.view(c, t.id(), sla.policies(c)).orElse(null)) : t;
    }

    /** After a change in this transaction: re-evaluate and store the SLA, and show it to agents. */
    private Ticket refreshed(Connection c, Actor actor, long id) throws SQLException {
        Optional<SlaView> view = sla.refresh(c, id);
        Ticket t = TicketRepository.find(c, id).orElseThrow();
        return actor.isStaff() ? t.withSla(view.orElse(null)) : t;
    }

    private static final Set<String> STAFF_FIELDS = Set.of("subject", "description", "status", "priority", "assigneeId", "groupId", "tags");

    public Ticket update(Actor actor, long id, com.fasterxml.jackson.databind.JsonNode body) {
        Patch p = Patch.of(body, STAFF_FIELDS);
        if (!actor.isStaff()) {
            for (String field : STAFF_FIELDS) {
                if (p.has(field) && !field.equals("status")) {
                    throw ApiException.forbiddenField(field, field + " may only be changed by agents");
                }
            }
        }
        var subject = p.text("subject", false);
        var description = p.text("description", false);
        var status = p.parsed("status", TicketStatus::parse);
        var priority = p.parsed("priority", Priority::parse);
        var assignee = p.id("assigneeId", true);
        var group = p.id("groupId", true);
        var tagsRaw = p.strings("tags");
        Validator v = p.validator();
        subject.ifPresent(s -> v.required("subject", s).maxLength("subject", s, MAX_SUBJECT));
        description.ifPresent(d -> v.required("description", d).maxLength("description", d, MAX_DESCRIPTION));
        Optional<List<String>> tags = tagsRaw.map(t -> checkTags(v, t));
        v.throwIfInvalid();
        if (!actor.isStaff() && status.isPresent() && status.get() != TicketStatus.SOLVED) {
            throw ApiException.forbiddenField("status", "customers may only mark their tickets solved; reply to reopen one");
        }
        return db.tx(c -> {
            Ticket before = visible(c, actor, id, true);
            if (before.status() == TicketStatus.CLOSED) {
                throw ApiException.conflict("ticket-closed", "ticket " + id + " is closed and cannot be changed; open a follow-up ticket");
            }
            TicketStatus newStatus = status.orElse(before.status());
            if (!before.status().canMoveTo(newStatus)) {
                throw ApiException.conflict("invalid-transition", "status",
                        "a " + before.status() + " ticket cannot become " + newStatus + "; allowed: " + before.status().next());
            }
            Long newAssignee = p.has("assigneeId") ? assignee.orElse(null) : before.assigneeId();
            Long newGroup = p.has("groupId") ? group.orElse(null) : before.groupId();
            if (newAssignee != null && !newAssignee.equals(before.assigneeId())) {
                requireAgent(c, "assigneeId", newAssignee);
            }
            if (newGroup != null && !newGroup.equals(before.groupId())) {
                requireGroup(c, newGroup);
            }
            // assigning a new ticket means someone is on it
            if (newStatus == TicketStatus.NEW && newAssignee != null && before.assigneeId() == null) {
                newStatus = TicketStatus.OPEN;
            }
            Ticket after = withStatus(new Ticket(before.id(), subject.map(String::trim).orElse(before.subject()),
                    description.orElse(before.description()), before.status(), priority.orElse(before.priority()),
                    before.requesterId(), before.organizationId(), newAssignee, newGroup, tags.orElse(before.tags()),
                    before.createdAt(), before.updatedAt(), before.solvedAt(), before.closedAt(), null), newStatus);
            AuditLog.Changes changes = diff(before, after);
            if (changes.isEmpty()) {
                return withSla(c, actor, before);
            }
            TicketRepository.save(c, after);
            audit.record(c, "ticket", id, id, actor.id(), "updated", changes);
            if (after.assigneeId() != null && !after.assigneeId().equals(before.assigneeId())) {
                Outbox.add(c, Notifications.ASSIGNED, Map.of("ticketId", Long.toString(id)));
            }
            return refreshed(c, actor, id);
        });
    }

    /** The ticket if the actor may see it; 404 otherwise, so existence does not leak. */
    Ticket visible(Connection c, Actor actor, long id, boolean lock) throws SQLException {
        Optional<Ticket> t = lock ? TicketRepository.lock(c, id) : TicketRepository.find(c, id);
        if (t.isEmpty() || !canSee(actor, t.get())) {
            throw ApiException.notFound("ticket " + id);
        }
        return t.get();
    }

    public static boolean canSee(Actor actor, Ticket t) {
        if (actor.isStaff() || t.requesterId() == actor.id()) {
            return true;
        }
        return actor.organizationId() != null && actor.organizationId().equals(t.organizationId());
    }

    static Ticket withStatus(Ticket t, TicketStatus status) {
        if (status == t.status()) {
            return t;
        }
        Instant now = Instant.now();
        Instant solvedAt = status == TicketStatus.SOLVED ? now : (status == TicketStatus.CLOSED ? t.solvedAt() : null);
        Instant closedAt = status == TicketStatus.CLOSED ? now : null;
        return new Ticket(t.id(), t.subject(), t.description(), status, t.priority(), t.requesterId(), t.organizationId(),
                t.assigneeId(), t.groupId(), t.tags(), t.createdAt(), t.updatedAt(), solvedAt, closedAt, null);
    }

    static AuditLog.Changes diff(Ticket a, Ticket b) {
        return AuditLog.changes()
                .change("subject", a.subject(), b.subject())
                .change("description", a.description().equals(b.description()) ? null : "(changed)",
                        a.description().equals(b.description()) ? null : "(changed)")
                .change("status", a.status().toString(), b.status().toString())
                .change("priority", a.priority().toString(), b.priority().toString())
                .change("assigneeId", a.assigneeId(), b.assigneeId())
                .change("groupId", a.groupId(), b.groupId())
                .change("tags", a.tags(), b.tags());
    }

    private static void agentOnly(String field, Object value) {
        if (value != null) {
            throw ApiException.forbiddenField(field, field + " may only be set by agents");
        }
    }

    private static List<String> checkTags(Validator v, List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        v.check(tags.size() <= Tags.MAX_TAGS, "tags", "at most " + Tags.MAX_TAGS + " tags");
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (t == null) {
                v.add("tags[" + i + "]", "may not be null");
            } else {
                v.parse("tags[" + i + "]", t.trim().toLowerCase(), Tags::check);
            }
        }
        return v.ok() ? Tags.normalize(tags) : List.of();
    }

    private static void requireAgent(Connection c, String field, long userId) throws SQLException {
        Optional<User> u = UserRepository.find(c, userId);
        if (u.isEmpty()) {
            throw ApiException.invalidField(field, "user " + userId + " does not exist");
        }
        if (!u.get().role().isStaff() || !u.get().active()) {
            throw ApiException.invalidField(field, "user " + userId + " is not an active agent");
        }
    }

    private static void requireGroup(Connection c, long groupId) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM groups WHERE id = ?", groupId) == 0) {
            throw ApiException.invalidField("groupId", "group " + groupId + " does not exist");
        }
    }
}
