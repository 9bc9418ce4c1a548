package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reminder (clock at risk) or breach notice for one clock's deadline. sla_notifications holds one
 * row per ticket, clock, kind and deadline, so however many scans see a clock, one notice goes out.
 */
record SlaNotice(long ticketId, SlaMetric metric, Kind kind, Instant due) {
    enum Kind {
        REMINDER, BREACH;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** What a ticket's clocks call for now: running clocks at risk or overrun; met, paused and unknown ones call for nothing. */
    static List<SlaNotice> callFor(long ticketId, SlaView view) {
        List<SlaNotice> out = new ArrayList<>();
        for (SlaState s : view.targets()) {
            if (s.due() == null || s.stoppedAt() != null) {
                continue;
            }
            if (s.status() == SlaState.Status.BREACHED) {
                out.add(new SlaNotice(ticketId, s.metric(), Kind.BREACH, s.due()));
            } else if (s.status() == SlaState.Status.AT_RISK) {
                out.add(new SlaNotice(ticketId, s.metric(), Kind.REMINDER, s.due()));
            }
        }
        return out;
    }

    /** Records the notices and returns those no scan recorded before, in one statement. */
    static List<SlaNotice> recordNew(Connection c, List<SlaNotice> notices) throws SQLException {
        if (notices.isEmpty()) {
            return List.of();
        }
        Map<String, SlaNotice> byKey = new HashMap<>();
        for (SlaNotice n : notices) {
            byKey.put(n.ticketId() + ":" + n.metric() + ":" + n.kind(), n);
        }
        return Sql.list(c, "INSERT INTO sla_notifications (ticket_id, metric, kind, due_at) "
                        + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[]) ON CONFLICT DO NOTHING "
                        + "RETURNING ticket_id, metric, kind",
                rs -> byKey.get(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3)),
                notices.stream().map(SlaNotice::ticketId).toList(), notices.stream().map(SlaNotice::metric).toList(),
                notices.stream().map(SlaNotice::kind).toList(), notices.stream().map(SlaNotice::due).toList());
    }

    /** The job that mails it (the payload {@link dev.helpdesk.app.notify.NotificationHandler} reads). */
    Outbox.Entry job() {
        return new Outbox.Entry(kind == Kind.BREACH ? Notifications.SLA_BREACH : Notifications.SLA_REMINDER,
                Map.of("ticketId", Long.toString(ticketId), "metric", metric.toString(), "due", due.toString()));
    }
}
