package dev.helpdesk.app.bench;

import dev.helpdesk.app.sla.CalendarDefinition;
import dev.helpdesk.app.sla.SlaMetric;
import dev.helpdesk.app.sla.SlaPolicy;
import dev.helpdesk.app.sla.SlaRepository;
import dev.helpdesk.app.ticket.Priority;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Open tickets shaped like a real desk's, for the SLA scan benchmark: one policy counting business
 * hours on an office calendar with holidays, and every ticket with the history an agent leaves
 * (creation, status changes, a public reply, an internal note) and its clocks as last evaluated.
 * Every hundredth ticket is due: opened 10-17 days ago, answered, set pending, then the customer
 * wrote back a week ago and nobody answered, so its next response is breached and its scan reads
 * a timeline of several events.
 */
final class SlaDeskSeed {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private SlaDeskSeed() {}

    /** Seeds {@code tickets} open tickets under one policy, 1 % of them due. */
    static void seed(Connection c, SlaRepository sla, int tickets) throws SQLException {
        long calendar = sla.insertCalendar(c, officeCalendar());
        long policy = sla.insertPolicy(c, new SlaPolicy(0, "Bench office hours", 0, true, calendar, SlaPolicy.Conditions.none(),
                Map.of(Priority.NORMAL, Map.of(
                        SlaMetric.FIRST_RESPONSE, new SlaPolicy.Goal(240, true),
                        SlaMetric.NEXT_RESPONSE, new SlaPolicy.Goal(240, true),
                        SlaMetric.RESOLUTION, new SlaPolicy.Goal(5400, true))), null, null, 0));
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO organizations (name) VALUES ('Bench customers')");
            st.execute("INSERT INTO users (email, name, role, organization_id) SELECT 'bench-customer@example.com', 'Bench customer', "
                    + "'customer', id FROM organizations WHERE name = 'Bench customers'");
            st.execute("INSERT INTO users (email, name, role) VALUES ('bench-agent@example.com', 'Bench agent', 'agent')");
            // due ones opened over a week, 10 to 17 days ago, each with its own deadline; search vectors hold the
            // comments below, as the comments' trigger (off while seeding) would have left them
            st.execute("INSERT INTO tickets (subject, description, status, priority, requester_id, organization_id, assignee_id, "
                    + "created_at, updated_at, sla_policy_id, sla_next_due, tsv_replies, tsv_notes) "
                    + "SELECT 'Bench ' || g, 'open ticket', 'open', 'normal', cu.id, cu.organization_id, ag.id, "
                    + "CASE WHEN g % 100 = 0 THEN now() - interval '10 days' - (g / 100) * interval '1 minute' "
                    + "ELSE now() - interval '2 hours' - (g % 5000) * interval '1 minute' END, now(), " + policy + ", "
                    + "CASE WHEN g % 100 = 0 THEN now() - (g / 100) * interval '1 second' "
                    + "ELSE now() + interval '60 minutes' + (g % 5000) * interval '1 minute' END, "
                    + "CASE WHEN g % 100 = 0 THEN v.reply || v.answer ELSE v.reply END, v.note "
                    + "FROM generate_series(1, " + tickets + ") AS g, "
                    + "(SELECT id, organization_id FROM users WHERE email = 'bench-customer@example.com') cu, "
                    + "(SELECT id FROM users WHERE email = 'bench-agent@example.com') ag, "
                    + "(SELECT to_tsvector('english', 'Could you send the exact error?') AS reply, "
                    + "to_tsvector('english', 'Here is the error message') AS answer, to_tsvector('english', 'Checking the logs') AS note) v");
            // every ticket: created as new, an internal note, a public agent reply that opened it
            st.execute("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes, created_at) "
                    + "SELECT 'ticket', t.id, t.id, t.requester_id, 'created', jsonb_build_object('subject', jsonb_build_object('to', t.subject), "
                    + "'status', '{\"to\": \"new\"}'::jsonb, 'priority', '{\"to\": \"normal\"}'::jsonb), t.created_at FROM tickets t "
                    + "UNION ALL SELECT 'ticket', t.id, t.id, t.assignee_id, 'noted', '{}'::jsonb, t.created_at + interval '30 minutes' FROM tickets t "
                    + "UNION ALL SELECT 'ticket', t.id, t.id, t.assignee_id, 'replied', '{}'::jsonb, t.created_at + interval '60 minutes' FROM tickets t "
                    + "UNION ALL SELECT 'ticket', t.id, t.id, t.assignee_id, 'updated', '{\"status\": {\"from\": \"new\", \"to\": \"open\"}}'::jsonb, "
                    + "t.created_at + interval '60 minutes' FROM tickets t");
            // the trigger would rewrite a ticket row per comment; the vectors were set above
            st.execute("ALTER TABLE comments DISABLE TRIGGER comments_index_text");
            st.execute("INSERT INTO comments (ticket_id, author_id, body, public, created_at) "
                    + "SELECT id, assignee_id, 'Checking the logs', false, created_at + interval '30 minutes' FROM tickets "
                    + "UNION ALL SELECT id, assignee_id, 'Could you send the exact error?', true, created_at + interval '60 minutes' FROM tickets");
            // due tickets: pending on the customer, who answered a week ago; the ticket reopened and waits for an agent
            st.execute("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes, created_at) "
                    + "SELECT 'ticket', t.id, t.id, t.assignee_id, 'updated', '{\"status\": {\"from\": \"open\", \"to\": \"pending\"}}'::jsonb, "
                    + "t.created_at + interval '61 minutes' FROM tickets t WHERE t.sla_next_due < now() "
                    + "UNION ALL SELECT 'ticket', t.id, t.id, t.requester_id, 'replied', '{}'::jsonb, now() - interval '7 days' FROM tickets t "
                    + "WHERE t.sla_next_due < now() "
                    + "UNION ALL SELECT 'ticket', t.id, t.id, t.requester_id, 'updated', '{\"status\": {\"from\": \"pending\", \"to\": \"open\"}}'::jsonb, "
                    + "now() - interval '7 days' FROM tickets t WHERE t.sla_next_due < now()");
            st.execute("INSERT INTO comments (ticket_id, author_id, body, public, created_at) SELECT id, requester_id, "
                    + "'Here is the error message', true, now() - interval '7 days' FROM tickets WHERE sla_next_due < now()");
            st.execute("ALTER TABLE comments ENABLE TRIGGER comments_index_text");
            // each ticket's clocks as its last change left them: the due ones' next response was still running then
            st.execute("INSERT INTO ticket_sla (ticket_id, metric, target_minutes, elapsed_minutes, status, due_at) "
                    + "SELECT id, 'first_response', 240, 60, 'met', NULL::timestamptz FROM tickets "
                    + "UNION ALL SELECT id, 'resolution', 5400, 120, 'active', sla_next_due FROM tickets "
                    + "UNION ALL SELECT id, 'next_response', 240, 200, 'active', sla_next_due FROM tickets WHERE sla_next_due < now()");
            // as a desk's tables are between changes: visibility settled, no autovacuum of a fresh bulk load during the scan
            st.execute("VACUUM ANALYZE");
        }
    }

    /** Monday to Friday 08:00–12:00 and 13:00–18:00 in Berlin, closed on public holidays and on a company day last week. */
    static CalendarDefinition officeCalendar() {
        List<CalendarDefinition.Window> windows = new ArrayList<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            windows.add(new CalendarDefinition.Window(day, "08:00", "12:00"));
            windows.add(new CalendarDefinition.Window(day, "13:00", "18:00"));
        }
        // the company day lies inside every due ticket's open week, so holidays are always on the scan's path
        List<LocalDate> holidays = Stream.concat(Stream.of(LocalDate.now(ZONE).minusDays(5)), Stream.of(
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-10-03", "2026-12-24",
                "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06",
                "2027-05-17", "2027-10-03", "2027-12-24", "2027-12-25", "2027-12-26", "2027-12-31").map(LocalDate::parse))
                .distinct().toList();
        return new CalendarDefinition(0, "Bench office", ZONE.getId(), windows, holidays, 0);
    }
}
