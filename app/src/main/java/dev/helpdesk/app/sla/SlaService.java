package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
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
        return Optional.ofNullable(refreshAll(c, List.of(ticketId), policies).get(ticketId));
    }

    /**
     * Re-evaluates many tickets and stores the results, reading and writing in a few set-based
     * statements whatever their number; returns the SLA of each ticket a policy applies to.
     */
    public Map<Long, SlaView> refreshAll(Connection c, List<Long> ticketIds, Policies policies) throws SQLException {
        Map<Long, SlaView> views = evaluateAll(c, ticketIds, Instant.now(), policies);
        SlaRecords.store(c, ticketIds, views);
        return views;
    }

    /** The live SLA of a ticket, for reading (clocks move with time, so it is computed, not stored). */
    public Optional<SlaView> view(Connection c, long ticketId, Policies policies) throws SQLException {
        return Optional.ofNullable(evaluateAll(c, List.of(ticketId), Instant.now(), policies).get(ticketId));
    }

    /** The live SLA of listed tickets, read together: one by one, a page of 25 cost about a hundred round trips. */
    public Map<Long, SlaView> viewAll(Connection c, List<Long> ticketIds, Policies policies) throws SQLException {
        return evaluateAll(c, ticketIds, Instant.now(), policies);
    }

    /** What a ticket about to be created is matched on, and when it is created. */
    public record NewTicket(TicketStatus status, Priority priority, Long organizationId, Long groupId, List<String> tags, Instant at) {}

    /**
     * The SLA of a ticket about to be created: its whole history is its creation, so nothing is
     * read. The caller writes {@link SlaView#policyId()} and {@link SlaView#nextDue()} with the
     * ticket, then {@link #storeClocks} — no second write of the new row.
     */
    public Optional<SlaView> forNewTicket(NewTicket t, Policies policies) throws SQLException {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        TicketHistory.Facts facts = new TicketHistory.Facts(0, t.status(), t.priority(), t.organizationId(), t.groupId(), t.tags(), t.at());
        Optional<Applied> a = applied(facts, policies);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        TicketTimeline timeline = new TicketTimeline().add(new TicketTimeline.Created(t.at(), t.status()));
        return Optional.of(a.get().view(timeline, t.at(), reminderLeadMinutes));
    }

    /** The clocks of a ticket just created with {@link #forNewTicket}'s SLA. */
    public void storeClocks(Connection c, long ticketId, SlaView view) throws SQLException {
        SlaRecords.insertClocks(c, Map.of(ticketId, view));
    }

    /** The SLA of each ticket a policy applies to, at {@code now}; tickets under no policy (or missing) are absent. */
    Map<Long, SlaView> evaluateAll(Connection c, Collection<Long> ticketIds, Instant now, Policies policies) throws SQLException {
        Map<Long, SlaView> out = new LinkedHashMap<>();
        if (policies.isEmpty() || ticketIds.isEmpty()) {
            return out;
        }
        Map<Long, Applied> applied = new LinkedHashMap<>();
        for (TicketHistory.Facts t : TicketHistory.facts(c, ticketIds).values()) {
            Optional<Applied> a = applied(t, policies);
            if (a.isPresent()) {
                applied.put(t.id(), a.get());
            }
        }
        // timelines only for the tickets whose clocks can run: no policy, no history to read
        List<TicketHistory.Facts> timed = applied.values().stream().filter(a -> a.calendar() != null).map(Applied::ticket).toList();
        Map<Long, TicketTimeline> timelines = TicketHistory.timelines(c, timed);
        applied.forEach((id, a) -> out.put(id, a.view(timelines.get(id), now, reminderLeadMinutes)));
        return out;
    }

    /** One ticket, read query by query as before batches: the reference {@link #evaluateAll} is tested against. */
    Optional<SlaView> evaluateOneByOne(Connection c, long ticketId, Instant now, Policies policies) throws SQLException {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        TicketHistory.Facts t = TicketHistory.fact(c, ticketId).orElseThrow();
        Optional<Applied> a = applied(t, policies);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        TicketTimeline timeline = a.get().calendar() == null ? null : TicketHistory.timeline(c, t);
        return Optional.of(a.get().view(timeline, now, reminderLeadMinutes));
    }

    /** The first matching policy with targets at the ticket's priority, and its calendar; null calendar: unusable, for {@code reason}. */
    private record Applied(TicketHistory.Facts ticket, SlaPolicy policy, List<SlaTarget> targets, BusinessCalendar calendar,
                           String reason) {
        SlaView view(TicketTimeline timeline, Instant now, long reminderLeadMinutes) {
            List<SlaState> states = calendar == null ? targets.stream().map(target -> SlaState.unknown(target, reason)).toList()
                    : new SlaClock(calendar, reminderLeadMinutes).evaluate(timeline, targets, now);
            return new SlaView(policy.id(), policy.name(), states);
        }
    }

    private static Optional<Applied> applied(TicketHistory.Facts t, Policies policies) throws SQLException {
        Optional<SlaPolicy> policy = policies.active.stream()
                .filter(p -> p.conditions().matches(t.priority(), t.organizationId(), t.groupId(), t.tags())).findFirst();
        if (policy.isEmpty() || policy.get().targetsFor(t.priority()).isEmpty()) {
            return Optional.empty();
        }
        List<SlaTarget> targets = policy.get().targetsFor(t.priority());
        try {
            return Optional.of(new Applied(t, policy.get(), targets, policies.calendar(policy.get().calendarId()), null));
        } catch (RuntimeException e) {
            // stored before today's validation, or edited by hand: the ticket must still work
            LOG.warnf("SLA policy %d: calendar %s is unusable (%s); ticket %d shows its SLA as unknown",
                    policy.get().id(), policy.get().calendarId(), e.getMessage(), t.id());
            return Optional.of(new Applied(t, policy.get(), targets, null,
                    "the policy's business calendar cannot be used: " + e.getMessage()));
        }
    }
}
