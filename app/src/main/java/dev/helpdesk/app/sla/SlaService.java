package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies SLA policies to tickets: picks the first matching policy, evaluates its clocks from the
 * ticket's timeline, and keeps the ticket's earliest pending deadline and per-clock outcome in the
 * database (in the caller's transaction) for scans and reports.
 */
@ApplicationScoped
public class SlaService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SlaService.class);
    private final SlaRepository repository;
    private final long reminderLeadMinutes;

    public SlaService(SlaRepository repository,
                      @ConfigProperty(name = "SLA_REMINDER_LEAD_MINUTES", defaultValue = "30") long reminderLeadMinutes) {
        this.repository = repository;
        this.reminderLeadMinutes = reminderLeadMinutes;
    }

    record TicketFacts(long id, TicketStatus status, Priority priority, Long organizationId, Long groupId, List<String> tags,
                       Instant createdAt) {}

    /**
     * The active policies, read once and shared by every ticket evaluated in one request or scan;
     * calendars are loaded the first time a policy needs them.
     */
    public final class Policies {
        private final Connection c;
        private final List<SlaPolicy> active;
        private final Map<Long, BusinessCalendar> calendars = new java.util.HashMap<>();

        private Policies(Connection c) throws SQLException {
            this.c = c;
            this.active = repository.policies(c, true);
        }

        public boolean isEmpty() {
            return active.isEmpty();
        }

        BusinessCalendar calendar(Long id) throws SQLException {
            if (id == null) {
                return BusinessCalendar.always(ZoneOffset.UTC);
            }
            BusinessCalendar cal = calendars.get(id);
            if (cal == null) {
                cal = repository.calendar(c, id).map(CalendarDefinition::toCalendar).orElse(BusinessCalendar.always(ZoneOffset.UTC));
                calendars.put(id, cal);
            }
            return cal;
        }
    }

    /** How long before a deadline a clock counts as at risk. */
    public long reminderLeadMinutes() {
        return reminderLeadMinutes;
    }

    public Policies policies(Connection c) throws SQLException {
        return new Policies(c);
    }

    /** Re-evaluates a ticket after a change and stores the result; returns what the API should show. */
    public Optional<SlaView> refresh(Connection c, long ticketId) throws SQLException {
        return refresh(c, ticketId, policies(c));
    }

    public Optional<SlaView> refresh(Connection c, long ticketId, Policies policies) throws SQLException {
        Optional<SlaView> e = evaluate(c, ticketId, Instant.now(), policies);
        if (e.isEmpty()) {
            if (Sql.update(c, "UPDATE tickets SET sla_policy_id = NULL, sla_next_due = NULL WHERE id = ? "
                    + "AND (sla_policy_id IS NOT NULL OR sla_next_due IS NOT NULL)", ticketId) > 0) {
                Sql.update(c, "DELETE FROM ticket_sla WHERE ticket_id = ?", ticketId);
            }
            return Optional.empty();
        }
        SlaView view = e.get();
        Instant nextDue = view.targets().stream().filter(SlaState::pending).map(SlaState::due)
                .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
        Sql.update(c, "UPDATE tickets SET sla_policy_id = ?, sla_next_due = ? WHERE id = ?", view.policyId(), nextDue, ticketId);
        Sql.update(c, "DELETE FROM ticket_sla WHERE ticket_id = ?", ticketId);
        for (SlaState s : view.targets()) {
            Sql.update(c, "INSERT INTO ticket_sla (ticket_id, metric, target_minutes, elapsed_minutes, status, due_at) VALUES (?, ?, ?, ?, ?, ?)",
                    ticketId, s.metric().toString(), s.targetMinutes(), s.elapsedMinutes(), s.status().toString(), s.due());
        }
        return Optional.of(view);
    }

    /** The live SLA of a ticket, for reading (clocks move with time, so it is computed, not stored). */
    public Optional<SlaView> view(Connection c, long ticketId, Policies policies) throws SQLException {
        return evaluate(c, ticketId, Instant.now(), policies);
    }

    private Optional<SlaView> evaluate(Connection c, long ticketId, Instant now, Policies policies) throws SQLException {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        TicketFacts t = Sql.one(c, "SELECT id, status, priority, organization_id, group_id, tags, created_at FROM tickets WHERE id = ?",
                rs -> new TicketFacts(rs.getLong("id"), TicketStatus.parse(rs.getString("status")), Priority.parse(rs.getString("priority")),
                        Sql.nullableLong(rs, "organization_id"), Sql.nullableLong(rs, "group_id"), Sql.textArray(rs, "tags"),
                        Sql.instant(rs, "created_at")), ticketId).orElseThrow();
        Optional<SlaPolicy> policy = policies.active.stream()
                .filter(p -> p.conditions().matches(t.priority(), t.organizationId(), t.groupId(), t.tags())).findFirst();
        if (policy.isEmpty() || policy.get().targetsFor(t.priority()).isEmpty()) {
            return Optional.empty();
        }
        List<SlaTarget> targets = policy.get().targetsFor(t.priority());
        BusinessCalendar calendar;
        try {
            calendar = policies.calendar(policy.get().calendarId());
        } catch (RuntimeException e) {
            // stored before today's validation, or edited by hand: the ticket must still work
            LOG.warnf("SLA policy %d: calendar %s is unusable (%s); ticket %d shows its SLA as unknown",
                    policy.get().id(), policy.get().calendarId(), e.getMessage(), ticketId);
            String reason = "the policy's business calendar cannot be used: " + e.getMessage();
            return Optional.of(new SlaView(policy.get().id(), policy.get().name(),
                    targets.stream().map(target -> SlaState.unknown(target, reason)).toList()));
        }
        List<SlaState> states = new SlaClock(calendar, reminderLeadMinutes).evaluate(timeline(c, t), targets, now);
        return Optional.of(new SlaView(policy.get().id(), policy.get().name(), states));
    }

    /** The ticket's SLA-relevant history: creation, status changes (from the audit trail) and public comments. */
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
            timeline.add("customer".equals(comment.getValue()) ? new TicketTimeline.CustomerMessage(comment.getKey())
                    : new TicketTimeline.AgentReply(comment.getKey()));
        }
        return timeline;
    }
}
