package dev.helpdesk.app.bench;

import static dev.helpdesk.app.testing.Api.as;

import dev.helpdesk.app.testing.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A desk that looks like a real one for the benchmarks: an SLA policy counting business hours of a
 * calendar with holidays (so every listed ticket's clocks are evaluated from its history), 200
 * organizations with 2,000 customers and 40 agents, and tickets with about two comments and two
 * audit rows each, spread over two years.
 */
final class BenchDesk {
    private BenchDesk() {}

    /** The calendar and the policy, through the API as an admin would make them; returns the policy's id. */
    static long policy(String admin) {
        List<Map<String, String>> windows = List.of("monday", "tuesday", "wednesday", "thursday", "friday").stream()
                .flatMap(day -> List.of(Map.of("day", day, "start", "08:00", "end", "12:30"),
                        Map.of("day", day, "start", "13:30", "end", "18:00")).stream()).toList();
        long calendar = as(admin).body(Map.of("name", Api.unique("Bench office hours"), "timeZone", "Europe/Berlin", "windows", windows,
                        "holidays", List.of("2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-12-25", "2025-12-26",
                                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2026-12-26", "2027-01-01")))
                .post("/api/v1/business-calendars").then().statusCode(201).extract().<Number>path("id").longValue();
        Map<String, Object> targets = Map.of(
                "urgent", goals(30, 60, 240), "high", goals(60, 120, 480), "normal", goals(240, 480, 1440), "low", goals(480, 960, 2880));
        return as(admin).body(Map.of("name", Api.unique("Bench standard"), "calendarId", calendar, "targets", targets))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private static Map<String, Object> goals(int firstResponse, int nextResponse, int resolution) {
        return Map.of("first_response", Map.of("minutes", firstResponse, "businessHours", true),
                "next_response", Map.of("minutes", nextResponse, "businessHours", true),
                "resolution", Map.of("minutes", resolution, "businessHours", true));
    }

    /** Fills the desk up to {@code tickets} tickets; returns the number added. */
    static long fill(DataSource dataSource, long tickets) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long have = count(s, "SELECT count(*) FROM tickets");
            long add = Math.max(0, tickets - have);
            if (add == 0) {
                return 0;
            }
            if (count(s, "SELECT count(*) FROM users WHERE email LIKE '%@bench.example'") == 0) {
                people(s);
            }
            long after = count(s, "SELECT coalesce(max(id), 0) FROM tickets");
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH customers AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(organization_id ORDER BY id) AS orgs
                                         FROM users WHERE role = 'customer' AND email LIKE '%@bench.example'),
                         agents AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE role = 'agent' AND email LIKE '%@bench.example')
                    INSERT INTO tickets (subject, description, status, priority, requester_id, organization_id, assignee_id, tags,
                                         created_at, updated_at, tsv_replies, tsv_notes)
                    SELECT (ARRAY['Printer jams','VPN login fails','Invoice question','Laptop is slow','Email bounces'])[1 + g % 5] || ' #' || g,
                           'Generated ticket ' || g || ' about ' || (ARRAY['printer','network','billing','hardware','mail'])[1 + g % 5],
                           (ARRAY['new','open','pending','on_hold','solved','closed'])[1 + g % 6],
                           (ARRAY['low','normal','high','urgent'])[1 + (g / 7) % 4],
                           customers.ids[1 + g % 2000], customers.orgs[1 + g % 2000],
                           CASE WHEN g % 6 = 0 THEN NULL ELSE agents.ids[1 + g % 40] END,
                           CASE WHEN g % 10 = 0 THEN ARRAY['vip'] ELSE ARRAY['bench'] END,
                           now() - (g % 17520) * interval '1 hour', now() - (g % 17520) * interval '1 hour' + interval '50 minutes',
                           to_tsvector('english', 'Thanks, we are looking into the ' || (ARRAY['queue','driver','account','refund','cable'])[1 + g % 5]),
                           CASE WHEN g % 5 = 0 THEN to_tsvector('english', 'Escalated to second level') ELSE ''::tsvector END
                    FROM generate_series(1, ?) AS g, customers, agents""")) {
                ps.setLong(1, add);
                ps.executeUpdate();
            }
            // comments and audit rows as the API writes them; the words are already in the tickets' search columns
            s.execute("ALTER TABLE comments DISABLE TRIGGER comments_index_text");
            try {
                s.execute("INSERT INTO comments (ticket_id, author_id, body, public, created_at) "
                        + "SELECT id, requester_id, 'Any news on this?', true, created_at + interval '20 minutes' FROM tickets WHERE id > " + after
                        + " AND id % 3 <> 0");
                s.execute("INSERT INTO comments (ticket_id, author_id, body, public, created_at) "
                        + "SELECT id, assignee_id, 'Thanks, we are looking into it', true, created_at + interval '40 minutes' FROM tickets "
                        + "WHERE id > " + after + " AND status <> 'new' AND assignee_id IS NOT NULL");
                s.execute("INSERT INTO comments (ticket_id, author_id, body, public, created_at) "
                        + "SELECT id, assignee_id, 'Escalated to second level', false, created_at + interval '45 minutes' FROM tickets "
                        + "WHERE id > " + after + " AND id % 5 = 0 AND assignee_id IS NOT NULL");
            } finally {
                s.execute("ALTER TABLE comments ENABLE TRIGGER comments_index_text");
            }
            s.execute("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes, created_at) "
                    + "SELECT 'ticket', id, id, requester_id, 'created', jsonb_build_object('status', jsonb_build_object('to', 'new'), "
                    + "'priority', jsonb_build_object('to', priority)), created_at FROM tickets WHERE id > " + after);
            s.execute("INSERT INTO audit_events (entity_type, entity_id, ticket_id, actor_id, action, changes, created_at) "
                    + "SELECT 'ticket', id, id, assignee_id, 'updated', jsonb_build_object('status', "
                    + "jsonb_build_object('from', 'new', 'to', status)), created_at + interval '50 minutes' FROM tickets "
                    + "WHERE id > " + after + " AND status <> 'new'");
            // a settled desk, as after autovacuum: hint bits and visibility set, so the measurement is not vacuum's catch-up
            s.execute("VACUUM ANALYZE");
            s.execute("CHECKPOINT");
            return add;
        }
    }

    private static void people(Statement s) throws SQLException {
        s.execute("INSERT INTO organizations (name, domain) SELECT 'Bench customer ' || g, 'org' || g || '.bench.example' "
                + "FROM generate_series(1, 200) g");
        s.execute("INSERT INTO users (email, name, role, organization_id) SELECT 'customer' || g || '@bench.example', 'Customer ' || g, "
                + "'customer', (SELECT id FROM organizations WHERE name = 'Bench customer ' || (1 + g % 200)) FROM generate_series(1, 2000) g");
        s.execute("INSERT INTO users (email, name, role) SELECT 'agent' || g || '@bench.example', 'Agent ' || g, 'agent' "
                + "FROM generate_series(1, 40) g");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
