package dev.helpdesk.app.sla;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.live.TicketEvents;
import dev.helpdesk.app.queue.JobRoles;
import dev.helpdesk.app.queue.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every SLA_CHECK_INTERVAL_SECONDS, in the worker: tickets whose earliest deadline is within the
 * reminder lead (one indexed range query) are re-evaluated; each clock gets one reminder and one
 * breach notice per deadline. Rows are locked with SKIP LOCKED, and notices are keyed by ticket,
 * clock and deadline, so several workers scanning at once never send one twice. Each batch of due
 * tickets is read, evaluated and written with a few set-based statements, not a few per ticket.
 */
@ApplicationScoped
public class SlaScanner {
    private static final int BATCH = 1000;
    private final Db db;
    private final SlaService sla;
    private final AppConfig config;
    private final Counter reminders;
    private final Counter breaches;
    private final Timer duration;
    private final dev.helpdesk.app.freeze.WriteFreeze freeze;
    private final TicketEvents events;

    public SlaScanner(Db db, SlaService sla, AppConfig config, MeterRegistry metrics, dev.helpdesk.app.freeze.WriteFreeze freeze,
                      TicketEvents events) {
        this.db = db;
        this.events = events;
        this.freeze = freeze;
        this.sla = sla;
        this.config = config;
        this.reminders = Counter.builder("helpdesk.sla.reminders").description("SLA reminders emitted").register(metrics);
        this.breaches = Counter.builder("helpdesk.sla.breaches").description("SLA breaches emitted").register(metrics);
        this.duration = Timer.builder("helpdesk.sla.scan").description("SLA scan duration").register(metrics);
    }

    @Scheduled(every = "${SLA_CHECK_INTERVAL_SECONDS:60}s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotAWorker.class)
    void tick() {
        // a frozen desk may be restored to the freeze's backup: notices marked now would be sent again after it
        if (freeze.current().isEmpty()) {
            scan();
        }
    }

    /**
     * One pass over the due tickets, a batch at a time (each its own transaction, so locks are held
     * briefly and notices go out as batches commit); returns the number of notices emitted.
     */
    public int scan() {
        return duration.record(() -> {
            int notices = 0;
            Due after = null;
            Batch batch;
            do {
                Due from = after;
                batch = db.tx(c -> scanBatch(c, from));
                for (SlaNotice n : batch.emitted()) {
                    (n.kind() == SlaNotice.Kind.BREACH ? breaches : reminders).increment();
                }
                events.changedAll(batch.changed()); // now at risk or breached: the agents' views show it
                notices += batch.emitted().size();
                after = batch.last();
                // a freeze that began during the pass stops it before the next batch writes
            } while (batch.full() && freeze.current().isEmpty());
            return notices;
        });
    }

    /** A locked due ticket: where it stands in the scan's order, and who may hear it changed. */
    private record Due(TicketEvents.Change ticket, Instant nextDue) {}

    /** What one batch did: the notices it emitted, the tickets they concern, where the next batch starts. */
    private record Batch(List<SlaNotice> emitted, List<TicketEvents.Change> changed, Due last, boolean full) {}

    private Batch scanBatch(Connection c, Due after) throws SQLException {
        // keyset order: a ticket that stays due (reminded, breach still ahead) is not fetched again in this pass
        List<Due> due = Sql.list(c, "SELECT id, requester_id, organization_id, sla_next_due FROM tickets "
                + "WHERE sla_next_due <= now() + (? * interval '1 minute') "
                + (after == null ? "" : "AND sla_next_due >= ? AND (sla_next_due, id) > (?, ?) ")
                + "ORDER BY sla_next_due, id LIMIT ? FOR UPDATE SKIP LOCKED",
                rs -> new Due(new TicketEvents.Change(rs.getLong("id"), rs.getLong("requester_id"), Sql.nullableLong(rs, "organization_id")),
                        Sql.instant(rs, "sla_next_due")),
                after == null ? new Object[] {config.sla().reminderLeadMinutes(), BATCH}
                        : new Object[] {config.sla().reminderLeadMinutes(), after.nextDue(), after.nextDue(), after.ticket().ticketId(), BATCH});
        if (due.isEmpty()) {
            return new Batch(List.of(), List.of(), after, false);
        }
        Map<Long, SlaView> views = sla.refreshAll(c, due.stream().map(d -> d.ticket().ticketId()).toList(), sla.policies(c));
        List<SlaNotice> called = new ArrayList<>();
        views.forEach((id, view) -> called.addAll(SlaNotice.callFor(id, view)));
        List<SlaNotice> emitted = SlaNotice.recordNew(c, called);
        Outbox.addAll(c, emitted.stream().map(SlaNotice::job).toList());
        Set<Long> noticed = emitted.stream().map(SlaNotice::ticketId).collect(Collectors.toSet());
        List<TicketEvents.Change> changed = due.stream().map(Due::ticket).filter(t -> noticed.contains(t.ticketId())).toList();
        return new Batch(emitted, changed, due.get(due.size() - 1), due.size() == BATCH);
    }

    @Singleton
    public static class NotAWorker implements Scheduled.SkipPredicate {
        @Override
        public boolean test(ScheduledExecution execution) {
            return !JobRoles.runsWorker();
        }
    }
}
