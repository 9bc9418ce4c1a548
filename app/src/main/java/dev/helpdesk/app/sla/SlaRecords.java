package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stores evaluated SLAs, for any number of tickets in three statements: the policy and earliest
 * pending deadline on the ticket (what scans look for), and each clock's outcome in ticket_sla
 * (what reports read).
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
        batch.update("DELETE FROM ticket_sla WHERE ticket_id = ANY (?::bigint[])", ids);
        insertClocks(batch, views);
        batch.run(c);
    }

    /** Each clock's outcome in ticket_sla, for tickets that have none stored (new, or just cleared). */
    static void insertClocks(SqlBatch batch, Map<Long, SlaView> views) {
        List<Long> ticket = new ArrayList<>();
        List<SlaMetric> metric = new ArrayList<>();
        List<Long> target = new ArrayList<>();
        List<Long> elapsed = new ArrayList<>();
        List<SlaState.Status> status = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        views.forEach((id, view) -> view.targets().forEach(s -> {
            ticket.add(id);
            metric.add(s.metric());
            target.add(s.targetMinutes());
            elapsed.add(s.elapsedMinutes());
            status.add(s.status());
            due.add(s.due());
        }));
        if (!ticket.isEmpty()) {
            batch.update("INSERT INTO ticket_sla (ticket_id, metric, target_minutes, elapsed_minutes, status, due_at) "
                    + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[])",
                    ticket, metric, target, elapsed, status, due);
        }
    }
}
