package dev.helpdesk.app.sla;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.live.TicketEvents;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.JobRoles;
import dev.helpdesk.app.queue.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every SLA_CHECK_INTERVAL_SECONDS, in the worker: tickets whose earliest deadline is within the
 * reminder lead (one indexed range query) are re-evaluated; each clock gets one reminder and one
 * breach notice per deadline. Rows are locked with SKIP LOCKED, and notices are keyed by ticket,
 * clock and deadline, so several workers scanning at once never send one twice.
 */
@ApplicationScoped
public class SlaScanner {
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

    /** One pass over due tickets; returns the number of notices emitted. */
    public int scan() {
        List<TicketEvents.Change> changed = new ArrayList<>();
        int emitted = duration.record(() -> db.tx(c -> {
            long lead = config.sla().reminderLeadMinutes();
            List<TicketEvents.Change> due = Sql.list(c, "SELECT id, requester_id, organization_id FROM tickets "
                    + "WHERE sla_next_due <= now() + (? * interval '1 minute') ORDER BY sla_next_due LIMIT 1000 FOR UPDATE SKIP LOCKED",
                    rs -> new TicketEvents.Change(rs.getLong(1), rs.getLong(2), Sql.nullableLong(rs, "organization_id")), lead);
            int notices = 0;
            SlaService.Policies policies = sla.policies(c);
            for (TicketEvents.Change ticket : due) {
                long id = ticket.ticketId();
                var view = sla.refresh(c, id, policies);
                if (view.isEmpty()) {
                    continue;
                }
                for (SlaState s : view.get().targets()) {
                    if (s.due() == null || s.stoppedAt() != null) {
                        continue;
                    }
                    boolean breached = s.status() == SlaState.Status.BREACHED;
                    if (!breached && s.status() != SlaState.Status.AT_RISK) {
                        continue;
                    }
                    String kind = breached ? "breach" : "reminder";
                    if (Sql.update(c, "INSERT INTO sla_notifications (ticket_id, metric, kind, due_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", id, s.metric().toString(), kind, s.due()) == 1) {
                        Outbox.add(c, breached ? Notifications.SLA_BREACH : Notifications.SLA_REMINDER, Map.of(
                                "ticketId", Long.toString(id), "metric", s.metric().toString(), "due", s.due().toString()));
                        (breached ? breaches : reminders).increment();
                        notices++;
                        if (changed.isEmpty() || changed.get(changed.size() - 1) != ticket) {
                            changed.add(ticket);
                        }
                    }
                }
            }
            return notices;
        }));
        changed.forEach(events::changed); // now at risk or breached: the agents' views show it
        return emitted;
    }

    @Singleton
    public static class NotAWorker implements Scheduled.SkipPredicate {
        @Override
        public boolean test(ScheduledExecution execution) {
            return !JobRoles.runsWorker();
        }
    }
}
