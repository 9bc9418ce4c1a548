package dev.helpdesk.app.ticket;

import dev.helpdesk.app.live.TicketEvents;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.helpdesk.app.abuse.SpamGuard;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.Outbox;
import dev.helpdesk.app.sla.SlaService;
import dev.helpdesk.app.sla.SlaView;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.Rules;
import dev.helpdesk.app.web.ETags;
import dev.helpdesk.app.web.MergePatch;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.openapitools.jackson.nullable.JsonNullable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final TicketEvents events;

    public TicketService(Db db, AuditLog audit, SpamGuard spamGuard, MeterRegistry metrics, SlaService sla,
                         TicketEvents events) {
        this.events = events;
        this.db = db;
        this.sla = sla;
        this.audit = audit;
        this.spamGuard = spamGuard;
        this.created = Counter.builder("helpdesk.tickets.created").description("Tickets created").register(metrics);
    }

    /** POST /tickets; {@code requesterId}, {@code assigneeId} and {@code groupId} are for agents. */
    @Schema(example = "{\"subject\":\"Printer jams on every page\",\"description\":\"Since Monday the printer on floor 3 jams.\",\"priority\":\"high\",\"tags\":[\"hardware\",\"printer\"]}")
    public record CreateTicket(
            @NotBlank @Size(max = MAX_SUBJECT, message = Rules.MAX_CHARS) String subject,
            @NotBlank @Size(max = MAX_DESCRIPTION, message = Rules.MAX_CHARS) String description,
            Priority priority,
            @Positive Long requesterId,
            @Positive Long assigneeId,
            @Positive Long groupId,
            @Size(max = Tags.MAX_TAGS, message = Tags.TOO_MANY) List<@NotNull @Pattern(regexp = Tags.PATTERN, message = Tags.INVALID) String> tags) {}

    public Ticket create(Actor actor, CreateTicket body) {
        if (!actor.isStaff()) {
            agentOnly("requesterId", body.requesterId());
            agentOnly("assigneeId", body.assigneeId());
            agentOnly("groupId", body.groupId());
        }
        List<String> tags = body.tags() == null ? List.of() : Tags.normalize(body.tags());
        Ticket ticket = db.tx(c -> {
            long requesterId = body.requesterId() == null ? actor.id() : body.requesterId();
            // the actor was read with their token: only someone else needs looking up
            Long organizationId = requesterId == actor.id() ? actor.organizationId() : UserRepository.find(c, requesterId)
                    .orElseThrow(() -> ApiException.invalidField("requesterId", "user " + requesterId + " does not exist")).organizationId();
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
            // what the new ticket needs to know first, in one round trip: its id, the time, and whether the SLA policies in memory are current
            SqlBatch first = new SqlBatch();
            SqlBatch.Rows<Long> nextId = first.query("SELECT nextval(pg_get_serial_sequence('tickets', 'id'))", rs -> rs.getLong(1));
            SqlBatch.Rows<Instant> clock = Sql.clock(first);
            SqlBatch.Rows<String> slaStamp = sla.settings().stamp(first);
            first.run(c);
            long id = nextId.one().orElseThrow();
            Instant at = clock.one().orElseThrow();
            // the SLA is known before the row is written: a new ticket's whole history is its creation
            Optional<SlaView> view = sla.forNewTicket(new SlaService.NewTicket(status, priority, organizationId, body.groupId(), tags, at),
                    sla.settings().policies(c, slaStamp.one().orElse(null)));
            // the ticket, its clocks, its audit record and its follow-up jobs: written together in a second round trip
            SqlBatch writes = new SqlBatch();
            SqlBatch.Rows<Ticket> row = writes.query("INSERT INTO tickets AS t (id, subject, description, status, priority, requester_id, "
                            + "organization_id, assignee_id, group_id, tags, created_at, updated_at, sla_policy_id, sla_next_due) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + TicketRepository.COLUMNS, TicketRepository::map,
                    id, body.subject().trim(), body.description(), status, priority, requesterId, organizationId,
                    body.assigneeId(), body.groupId(), tags, at, at, view.map(SlaView::policyId).orElse(null),
                    view.map(SlaView::nextDue).orElse(null));
            if (view.isPresent()) {
                sla.storeClocks(writes, id, view.get());
            }
            audit.record(writes, "ticket", id, id, actor.id(), "created", AuditLog.changes()
                    .set("subject", body.subject().trim()).set("status", status.toString()).set("priority", priority.toString())
                    .set("requesterId", requesterId).set("assigneeId", body.assigneeId()).set("groupId", body.groupId())
                    .set("tags", tags.isEmpty() ? null : tags), at);
            Outbox.add(writes, Notifications.TICKET_CREATED, Map.of("ticketId", Long.toString(id)));
            if (body.assigneeId() != null) {
                Outbox.add(writes, Notifications.ASSIGNED, Map.of("ticketId", Long.toString(id)));
            }
            writes.run(c);
            Ticket inserted = row.one().orElseThrow();
            return actor.isStaff() ? inserted.withSla(view.orElse(null)) : inserted;
        });
        created.increment();
        events.changed(ticket);
        return ticket;
    }

    public Ticket get(Actor actor, long id) {
        return db.read(c -> withSla(c, actor, visible(c, actor, id, false)));
    }

    public Page<Ticket> list(Actor actor, TicketFilter filter) {
        if (filter.sla() != null && !actor.isStaff()) {
            throw ApiException.forbiddenField("sla", "only agents and admins filter by SLA state");
        }
        return db.read(c -> {
            Page<Ticket> page = new TicketQuery(actor, filter, sla.reminderLeadMinutes()).run(c, filter);
            if (!actor.isStaff()) {
                return page;
            }
            Map<Long, SlaView> views = sla.viewAll(c, page.items().stream().map(Ticket::slaFacts).toList());
            List<Ticket> items = page.items().stream().map(t -> t.withSla(views.get(t.id()))).toList();
            return new Page<>(items, page.total(), page.page(), page.size(), page.totalIsEstimate());
        });
    }

    /** SLA details are for agents only. */
    private Ticket withSla(Connection c, Actor actor, Ticket t) throws SQLException {
        return actor.isStaff() ? t.withSla(sla.viewAll(c, List.of(t.slaFacts())).get(t.id())) : t;
    }

    /** After a change in this transaction: re-evaluate and store the SLA, and show it to agents. */
    private Ticket refreshed(Connection c, Actor actor, long id) throws SQLException {
        Optional<SlaView> view = sla.refresh(c, id);
        Ticket t = TicketRepository.find(c, id).orElseThrow();
        return actor.isStaff() ? t.withSla(view.orElse(null)) : t;
    }

    /**
     * PATCH /tickets/{id}, a JSON merge patch: an absent field stays as it is; {@code assigneeId}
     * and {@code groupId} may be null to clear them, the other fields may not.
     */
    @Schema(example = "{\"status\":\"pending\",\"assigneeId\":7,\"groupId\":null}")
    public record TicketPatch(
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Pattern(regexp = Rules.NON_BLANK_PATTERN, message = Rules.NOT_BLANK)
                    @Size(max = MAX_SUBJECT, message = Rules.MAX_CHARS) String> subject,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Pattern(regexp = Rules.NON_BLANK_PATTERN, message = Rules.NOT_BLANK)
                    @Size(max = MAX_DESCRIPTION, message = Rules.MAX_CHARS) String> description,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<TicketStatus> status,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<Priority> priority,
            JsonNullable<@Positive Long> assigneeId,
            JsonNullable<@Positive Long> groupId,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Size(max = Tags.MAX_TAGS, message = Tags.TOO_MANY)
                    List<@NotNull @Pattern(regexp = Tags.PATTERN, message = Tags.INVALID) String>> tags) {

        /** The fields this patch changes, by their JSON names. */
        List<String> fields() {
            Map<String, JsonNullable<?>> all = new java.util.LinkedHashMap<>();
            all.put("subject", subject);
            all.put("description", description);
            all.put("status", status);
            all.put("priority", priority);
            all.put("assigneeId", assigneeId);
            all.put("groupId", groupId);
            all.put("tags", tags);
            return all.entrySet().stream().filter(e -> MergePatch.sent(e.getValue())).map(Map.Entry::getKey).toList();
        }
    }

    public Ticket update(Actor actor, long id, TicketPatch p, String ifMatch) {
        if (!actor.isStaff()) {
            for (String field : p.fields()) {
                if (!field.equals("status")) {
                    throw ApiException.forbiddenField(field, field + " may only be changed by agents");
                }
            }
            if (MergePatch.sent(p.status()) && p.status().get() != TicketStatus.SOLVED) {
                throw ApiException.forbiddenField("status", "customers may only mark their tickets solved; reply to reopen one");
            }
        }
        Ticket updated = db.tx(c -> {
            Ticket before = visible(c, actor, id, true);
            ETags.require(ifMatch, before.version(), "ticket " + id);
            Instant at = Sql.clock(c);
            if (before.status() == TicketStatus.CLOSED) {
                throw ApiException.conflict("ticket-closed", "ticket " + id + " is closed and cannot be changed; open a follow-up ticket");
            }
            TicketStatus newStatus = MergePatch.apply(p.status(), before.status());
            if (!before.status().canMoveTo(newStatus)) {
                throw ApiException.conflict("invalid-transition", "status",
                        "a " + before.status() + " ticket cannot become " + newStatus + "; allowed: " + before.status().next());
            }
            Long newAssignee = MergePatch.apply(p.assigneeId(), before.assigneeId());
            Long newGroup = MergePatch.apply(p.groupId(), before.groupId());
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
            List<String> tags = MergePatch.sent(p.tags()) ? Tags.normalize(p.tags().get()) : before.tags();
            Ticket after = withStatus(new Ticket(before.id(), MergePatch.apply(p.subject(), before.subject()).trim(),
                    MergePatch.apply(p.description(), before.description()), before.status(),
                    MergePatch.apply(p.priority(), before.priority()), before.requesterId(), before.organizationId(),
                    newAssignee, newGroup, tags, before.createdAt(), before.updatedAt(), before.solvedAt(), before.closedAt(),
                    before.version(), null),
                    newStatus, at);
            AuditLog.Changes changes = diff(before, after);
            if (changes.isEmpty()) {
                return withSla(c, actor, before);
            }
            TicketRepository.save(c, after, at);
            audit.record(c, "ticket", id, id, actor.id(), "updated", changes, at);
            if (after.assigneeId() != null && !after.assigneeId().equals(before.assigneeId())) {
                Outbox.add(c, Notifications.ASSIGNED, Map.of("ticketId", Long.toString(id)));
            }
            return refreshed(c, actor, id);
        });
        events.changed(updated);
        return updated;
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
        return canSee(actor, t.requesterId(), t.organizationId());
    }

    /** Staff see every ticket; a customer the tickets they requested and those of their organization. */
    public static boolean canSee(Actor actor, long requesterId, Long organizationId) {
        if (actor.isStaff() || requesterId == actor.id()) {
            return true;
        }
        return actor.organizationId() != null && actor.organizationId().equals(organizationId);
    }

    static Ticket withStatus(Ticket t, TicketStatus status, Instant now) {
        if (status == t.status()) {
            return t;
        }
        Instant solvedAt = status == TicketStatus.SOLVED ? now : (status == TicketStatus.CLOSED ? t.solvedAt() : null);
        Instant closedAt = status == TicketStatus.CLOSED ? now : null;
        return new Ticket(t.id(), t.subject(), t.description(), status, t.priority(), t.requesterId(), t.organizationId(),
                t.assigneeId(), t.groupId(), t.tags(), t.createdAt(), t.updatedAt(), solvedAt, closedAt, t.version(), null);
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
