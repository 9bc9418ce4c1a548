package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.SqlBatch;
import dev.helpdesk.app.sla.SlaSettings.Policies;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies SLA policies to tickets: picks the first matching policy, evaluates its clocks from the
 * ticket's timeline, and keeps the ticket's earliest pending deadline and per-clock outcome in the
 * database (in the caller's transaction) for scans and reports.
 */
@ApplicationScoped
public class SlaService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SlaService.class);
    private final SlaSettings settings;
    private final long reminderLeadMinutes;

    public SlaService(SlaSettings settings,
                      @ConfigProperty(name = "SLA_REMINDER_LEAD_MINUTES", defaultValue = "30") long reminderLeadMinutes) {
        this.settings = settings;
        this.reminderLeadMinutes = reminderLeadMinutes;
    }

    /** The policies in memory and the stamp that says whether they are current. */
    public SlaSettings settings() {
        return settings;
    }

    /** How long before a deadline a clock counts as at risk. */
    public long reminderLeadMinutes() {
        return reminderLeadMinutes;
    }

    /** The active policies and their calendars (kept in memory while unchanged, see {@link SlaSettings}). */
    public Policies policies(Connection c) throws SQLException {
        return settings.policies(c);
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
        return refreshAll(c, ticketIds, policies, Instant.now());
    }

    /** {@link #refreshAll(Connection, List, Policies)} as of {@code now}. */
    Map<Long, SlaView> refreshAll(Connection c, List<Long> ticketIds, Policies policies, Instant now) throws SQLException {
        Map<Long, SlaView> views = evaluateAll(c, ticketIds, now, policies);
        SlaRecords.store(c, ticketIds, views);
        return views;
    }

    /**
     * The live SLA of tickets just read (clocks move with time, so it is computed, not stored), from
     * their own fields and one round trip for their histories and the settings stamp.
     */
    public Map<Long, SlaView> viewAll(Connection c, List<TicketFacts> tickets) throws SQLException {
        if (tickets.isEmpty()) {
            return Map.of();
        }
        SqlBatch batch = new SqlBatch();
        SqlBatch.Rows<String> stamp = settings.stamp(batch);
        Supplier<Map<Long, TicketTimeline>> timelines = TicketHistory.timelines(batch, tickets);
        batch.run(c);
        return evaluate(tickets, settings.policies(c, stamp.one().orElse(null)), timelines.get(), Instant.now());
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
        TicketFacts facts = new TicketFacts(0, t.status(), t.priority(), t.organizationId(), t.groupId(), t.tags(), t.at());
        Optional<Applied> a = applied(facts, policies);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        TicketTimeline timeline = new TicketTimeline().add(new TicketTimeline.Created(t.at(), t.status()));
        return Optional.of(a.get().view(timeline, t.at(), reminderLeadMinutes));
    }

    /** The clocks of a ticket just created with {@link #forNewTicket}'s SLA, written with the batch that inserts it. */
    public void storeClocks(SqlBatch batch, long ticketId, SlaView view) {
        SlaRecords.insertClocks(batch, Map.of(ticketId, view));
    }

    /** The SLA of each ticket a policy applies to, at {@code now}; tickets under no policy (or missing) are absent. */
    Map<Long, SlaView> evaluateAll(Connection c, Collection<Long> ticketIds, Instant now, Policies policies) throws SQLException {
        if (policies.isEmpty() || ticketIds.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Collection<TicketFacts> facts = TicketHistory.facts(c, ticketIds).values();
        // timelines only for the tickets whose clocks can run: no policy, no history to read
        List<TicketFacts> timed = new ArrayList<>();
        for (TicketFacts t : facts) {
            Optional<Applied> a = applied(t, policies);
            if (a.isPresent() && a.get().calendar() != null) {
                timed.add(t);
            }
        }
        return evaluate(facts, policies, TicketHistory.timelines(c, timed), now);
    }

    private Map<Long, SlaView> evaluate(Collection<TicketFacts> tickets, Policies policies, Map<Long, TicketTimeline> timelines,
                                        Instant now) {
        Map<Long, SlaView> out = new LinkedHashMap<>();
        for (TicketFacts t : tickets) {
            applied(t, policies).ifPresent(a -> out.put(t.id(), a.view(timelines.get(t.id()), now, reminderLeadMinutes)));
        }
        return out;
    }

    /** One ticket, read query by query as before batches: the reference {@link #evaluateAll} is tested against. */
    Optional<SlaView> evaluateOneByOne(Connection c, long ticketId, Instant now, Policies policies) throws SQLException {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        TicketFacts t = TicketHistory.fact(c, ticketId).orElseThrow();
        Optional<Applied> a = applied(t, policies);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        TicketTimeline timeline = a.get().calendar() == null ? null : TicketHistory.timeline(c, t);
        return Optional.of(a.get().view(timeline, now, reminderLeadMinutes));
    }

    /** The first matching policy with targets at the ticket's priority, and its calendar; null calendar: unusable, for {@code reason}. */
    private record Applied(TicketFacts ticket, SlaPolicy policy, List<SlaTarget> targets, BusinessCalendar calendar,
                           String reason) {
        SlaView view(TicketTimeline timeline, Instant now, long reminderLeadMinutes) {
            List<SlaState> states = calendar == null ? targets.stream().map(target -> SlaState.unknown(target, reason)).toList()
                    : new SlaClock(calendar, reminderLeadMinutes).evaluate(timeline, targets, now);
            return new SlaView(policy.id(), policy.name(), states);
        }
    }

    private static Optional<Applied> applied(TicketFacts t, Policies policies) {
        Optional<SlaPolicy> policy = policies.active().stream()
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
