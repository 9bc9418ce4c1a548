package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.SqlBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stores evaluated SLAs, for any number of tickets in one round trip: the policy and earliest
 * pending deadline on the ticket (what scans look for), and each clock's outcome in ticket_sla
 * (what reports and the at-risk/breached filters read). Only what changed is written: a running
 * clock's elapsed minutes are stored when its status changes or it stops (nothing reads them in
 * between; the API computes them live), so a re-evaluation that moves nothing writes nothing.
 */
final class SlaRecords {
    private SlaRecords() {}

    /** Stores {@code views} for {@code ids}; a ticket without a view has no SLA (any it had is cleared). */
    static void store(Connection c, Collection<Long> ids, Map<Long, SlaView> views) throws SQLException {
        List<Long> policies = new ArrayList<>();
        List<Instant> nextDue = new ArrayList<>();
        for (Long id : ids) {
            SlaView view = views.get(id);
            policies.add(view == null ? null : view.policyId());
            nextDue.add(view == null ? null : view.nextDue());
        }
        // unchanged rows are left alone: a ticket without SLA, the common case, costs no write;
        // the clocks of every ticket given are replaced (those without SLA have none), all in one round trip
        SqlBatch batch = new SqlBatch();
        batch.update("UPDATE tickets t SET sla_policy_id = u.policy_id, sla_next_due = u.next_due "
                + "FROM unnest(?::bigint[], ?::bigint[], ?::timestamptz[]) AS u(id, policy_id, next_due) "
                + "WHERE t.id = u.id AND (t.sla_policy_id, t.sla_next_due) IS DISTINCT FROM (u.policy_id, u.next_due)",
                ids, policies, nextDue);
        Clocks clocks = Clocks.of(views);
        // clocks the tickets no longer have (policy or priority changed, no policy left); kept ones are updated below
        batch.update("DELETE FROM ticket_sla s WHERE s.ticket_id = ANY (?::bigint[]) "
                + "AND (s.ticket_id, s.metric) NOT IN (SELECT * FROM unnest(?::bigint[], ?::text[]))", ids, clocks.ticket, clocks.metric);
        if (!clocks.isEmpty()) {
            batch.update("INSERT INTO ticket_sla AS s (ticket_id, metric, target_minutes, elapsed_minutes, status, due_at) "
                    + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[]) "
                    + "ON CONFLICT (ticket_id, metric) DO UPDATE SET target_minutes = EXCLUDED.target_minutes, "
                    + "elapsed_minutes = EXCLUDED.elapsed_minutes, status = EXCLUDED.status, due_at = EXCLUDED.due_at "
                    + "WHERE (s.target_minutes, s.status, s.due_at) IS DISTINCT FROM (EXCLUDED.target_minutes, EXCLUDED.status, EXCLUDED.due_at) "
                    + "OR (EXCLUDED.status IN ('met', 'breached') AND s.elapsed_minutes <> EXCLUDED.elapsed_minutes)",
                    clocks.ticket, clocks.metric, clocks.target, clocks.elapsed, clocks.status, clocks.due);
        }
        batch.run(c);
    }

    /** Each clock's outcome in ticket_sla, for tickets that have none stored (just created). */
    static void insertClocks(SqlBatch batch, Map<Long, SlaView> views) {
        Clocks clocks = Clocks.of(views);
        if (!clocks.isEmpty()) {
            batch.update("INSERT INTO ticket_sla (ticket_id, metric, target_minutes, elapsed_minutes, status, due_at) "
                    + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[])",
                    clocks.ticket, clocks.metric, clocks.target, clocks.elapsed, clocks.status, clocks.due);
        }
    }

    /** The clocks of many tickets as parallel columns, the shape unnest() reads. */
    private static final class Clocks {
        final List<Long> ticket = new ArrayList<>();
        final List<SlaMetric> metric = new ArrayList<>();
        final List<Long> target = new ArrayList<>();
        final List<Long> elapsed = new ArrayList<>();
        final List<SlaState.Status> status = new ArrayList<>();
        final List<Instant> due = new ArrayList<>();

        static Clocks of(Map<Long, SlaView> views) {
            Clocks c = new Clocks();
            views.forEach((id, view) -> view.targets().forEach(s -> {
                c.ticket.add(id);
                c.metric.add(s.metric());
                c.target.add(s.targetMinutes());
                c.elapsed.add(s.elapsedMinutes());
                c.status.add(s.status());
                c.due.add(s.due());
            }));
            return c;
        }

        boolean isEmpty() {
            return ticket.isEmpty();
        }
    }
}
