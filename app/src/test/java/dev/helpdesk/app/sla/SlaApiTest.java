package dev.helpdesk.app.sla;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SLA policies and calendars through the admin API, and each ticket's SLA state through the ticket API. */
@QuarkusTest
@TestProfile(SlaApiTest.OwnDatabase.class)
class SlaApiTest extends HelpDeskTest {
    /** Policies apply to every ticket of a desk, so these tests get a desk (database) of their own. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SLA_REMINDER_LEAD_MINUTES", "30");
        }
    }

    String admin;
    Api.Person agent;
    Api.Person customer;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
    }

    private long calendar24x7() {
        List<Map<String, String>> windows = java.util.stream.Stream.of("monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday").map(d -> Map.of("day", d, "start", "00:00", "end", "00:00")).toList();
        return as(admin).body(Map.of("name", Api.unique("Always"), "timeZone", "Europe/Berlin", "windows", windows,
                "holidays", List.of())).post("/api/v1/business-calendars").then().statusCode(201)
                .extract().<Number>path("id").longValue();
    }

    private Map<String, Object> state(JsonPath ticket, String metric) {
        List<Map<String, Object>> targets = ticket.getList("sla.targets");
        return targets.stream().filter(t -> metric.equals(t.get("metric"))).findFirst().orElseThrow();
    }

    @Test
    void theFirstMatchingPolicyAppliesAndTheTicketShowsItsClocks() {
        long cal = calendar24x7();
        as(admin).body(Map.of("name", "Urgent", "position", 0, "calendarId", cal, "conditions", Map.of("priorities", List.of("urgent")),
                "targets", Map.of("urgent", Map.of("first_response", Map.of("minutes", 30), "resolution", Map.of("minutes", 240)))))
                .post("/api/v1/sla-policies").then().statusCode(201).body("position", equalTo(0));
        long fallback = as(admin).body(Map.of("name", "Default", "position", 1, "calendarId", cal,
                "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 240),
                        "next_response", Map.of("minutes", 120), "resolution", Map.of("minutes", 2880)))))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();

        JsonPath urgent = as(agent.token()).body(Map.of("subject", "Down", "description", "All down", "priority", "urgent",
                "requesterId", customer.id())).post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(urgent.getString("sla.policyName")).isEqualTo("Urgent");
        Instant created = Instant.parse(urgent.getString("createdAt"));
        Map<String, Object> first = state(urgent, "first_response");
        assertThat(Duration.between(created, Instant.parse((String) first.get("due"))).toMinutes()).isEqualTo(30);
        assertThat(first.get("status")).isEqualTo("at_risk"); // 30 minutes left, inside the 30-minute reminder lead

        long normalId = Api.ticket(customer.token(), "Question");
        JsonPath normal = as(agent.token()).get("/api/v1/tickets/" + normalId).then().statusCode(200).extract().jsonPath();
        assertThat(normal.getLong("sla.policyId")).isEqualTo(fallback);
        assertThat(state(normal, "first_response").get("status")).isEqualTo("active");
        as(customer.token()).get("/api/v1/tickets/" + normalId).then().body("sla", nullValue());

        // a public agent reply meets the first response; an internal note would not
        as(agent.token()).body(Map.of("body", "noted", "public", false)).post("/api/v1/tickets/" + normalId + "/comments").then().statusCode(201);
        assertThat(state(as(agent.token()).get("/api/v1/tickets/" + normalId).then().extract().jsonPath(), "first_response")
                .get("status")).isEqualTo("active");
        as(agent.token()).body(Map.of("body", "On it")).post("/api/v1/tickets/" + normalId + "/comments").then().statusCode(201);
        JsonPath answered = as(agent.token()).get("/api/v1/tickets/" + normalId).then().extract().jsonPath();
        assertThat(state(answered, "first_response").get("status")).isEqualTo("met");

        // pending pauses the resolution clock
        as(agent.token()).body(Map.of("status", "pending")).patch("/api/v1/tickets/" + normalId).then().statusCode(200)
                .body("sla.targets.find { it.metric == 'resolution' }.status", equalTo("paused"))
                .body("sla.targets.find { it.metric == 'resolution' }.due", nullValue());
        // a customer answer reopens it and starts the next-response clock
        as(customer.token()).body(Map.of("body", "Here you go")).post("/api/v1/tickets/" + normalId + "/comments").then().statusCode(201);
        JsonPath reopened = as(agent.token()).get("/api/v1/tickets/" + normalId).then().extract().jsonPath();
        assertThat(state(reopened, "next_response").get("status")).isEqualTo("active");
        assertThat(state(reopened, "resolution").get("status")).isEqualTo("active");
    }

    @Test
    void aNewTicketsClocksAreStoredAsAFreshEvaluationSeesThem() throws Exception {
        List<Map<String, String>> windows = java.util.stream.Stream.of("monday", "tuesday", "wednesday", "thursday", "friday")
                .map(d -> Map.of("day", d, "start", "09:00", "end", "17:00")).toList();
        long calendar = as(admin).body(Map.of("name", Api.unique("Office"), "timeZone", "America/New_York", "windows", windows,
                "holidays", List.of("2026-12-24", "2026-12-25"))).post("/api/v1/business-calendars").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        String tag = Api.unique("fresh").toLowerCase();
        as(admin).body(Map.of("name", Api.unique("Fresh"), "position", 0, "calendarId", calendar, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("high", Map.of("first_response", Map.of("minutes", 90, "businessHours", true),
                        "resolution", Map.of("minutes", 600, "businessHours", true))))).post("/api/v1/sla-policies").then().statusCode(201);

        JsonPath created = as(agent.token()).body(Map.of("subject", "Fresh", "description", "New", "priority", "high", "tags", List.of(tag)))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        JsonPath read = as(agent.token()).get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(created.getList("sla.targets.due")).as("computed in memory at creation = evaluated from the stored history")
                .isEqualTo(read.getList("sla.targets.due")).hasSize(2).doesNotContainNull();
        assertThat(created.getList("sla.targets.metric")).containsExactly("first_response", "resolution");

        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT t.sla_next_due, t.sla_policy_id, count(s.*) FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id "
                     + "WHERE t.id = " + id + " GROUP BY t.id")) {
            assertThat(rs.next()).as("clocks stored for the scan and the reports").isTrue();
            assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse(created.getString("sla.targets[0].due")));
            assertThat(rs.getLong(2)).isEqualTo(created.getLong("sla.policyId"));
            assertThat(rs.getLong(3)).isEqualTo(2);
        }
    }

    @Test
    void changingPriorityMovesTheTicketToAnotherPolicyAndDeactivatingClearsDeadlines() {
        long cal = calendar24x7();
        String tag = Api.unique("vip").toLowerCase();
        long vip = as(admin).body(Map.of("name", "VIP", "position", 0, "calendarId", cal, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("high", Map.of("first_response", Map.of("minutes", 60)),
                        "low", Map.of("first_response", Map.of("minutes", 600)))))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();
        long t = Api.ticket(agent.token(), Map.of("subject", "VIP", "description", "d", "priority", "low", "tags", List.of(tag),
                "requesterId", customer.id()));
        JsonPath low = as(agent.token()).get("/api/v1/tickets/" + t).then().extract().jsonPath();
        Instant lowDue = Instant.parse((String) state(low, "first_response").get("due"));
        JsonPath high = as(agent.token()).body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then().statusCode(200)
                .extract().jsonPath();
        Instant highDue = Instant.parse((String) state(high, "first_response").get("due"));
        assertThat(Duration.between(highDue, lowDue).toMinutes()).as("same start, shorter target").isEqualTo(540);

        as(admin).body(Map.of("name", "VIP", "position", 0, "active", false, "calendarId", cal, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("high", Map.of("first_response", Map.of("minutes", 60)))))
                .put("/api/v1/sla-policies/" + vip).then().statusCode(200).body("active", equalTo(false));
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("sla", nullValue());
    }

    @Test
    void theReportCountsMetAndBreachedPerTargetAndPriority() {
        long cal = calendar24x7();
        String tag = Api.unique("report").toLowerCase();
        as(admin).body(Map.of("name", "Report", "position", 0, "calendarId", cal, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("high", Map.of("first_response", Map.of("minutes", 60), "resolution", Map.of("minutes", 600)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
        long a = Api.ticket(agent.token(), Map.of("subject", "a", "description", "d", "priority", "high", "requesterId", customer.id(),
                "tags", List.of(tag)));
        long b = Api.ticket(agent.token(), Map.of("subject", "b", "description", "d", "priority", "high", "requesterId", customer.id(),
                "tags", List.of(tag)));
        as(agent.token()).body(Map.of("body", "reply")).post("/api/v1/tickets/" + a + "/comments").then().statusCode(201);
        as(agent.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + a).then().statusCode(200);
        JsonPath report = as(agent.token()).get("/api/v1/sla/report").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = report.getList("targets");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r).containsEntry("metric", "first_response").containsEntry("priority", "high").containsEntry("met", 1);
            assertThat(r.get("achievementPercent")).isEqualTo(100.0f);
        });
        assertThat(report.getDouble("firstResponse.medianMinutes")).isEqualTo(0.0);
        assertThat(report.getLong("breached")).isZero();
        assertThat(b).isPositive();
    }

    @Inject
    SlaScanner scanner;

    @Test
    void raisingThePriorityRecomputesFromTheOriginalStartKeepingThePauseTime() throws Exception {
        long cal = calendar24x7();
        String tag = Api.unique("prio").toLowerCase();
        as(admin).body(Map.of("name", "Prio", "position", 0, "calendarId", cal, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("low", Map.of("first_response", Map.of("minutes", 600)),
                        "high", Map.of("first_response", Map.of("minutes", 120)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
        long t = Api.ticket(agent.token(), Map.of("subject", "history", "description", "d", "priority", "low", "tags", List.of(tag),
                "requesterId", customer.id()));
        as(agent.token()).body(Map.of("status", "pending")).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent.token()).body(Map.of("status", "open")).patch("/api/v1/tickets/" + t).then().statusCode(200);
        // rewrite history: opened 3 h ago, pending from 2 h 50 min ago until 50 min ago (2 h paused)
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("UPDATE tickets SET created_at = date_trunc('minute', now()) - interval '3 hours' WHERE id = " + t);
            st.execute("UPDATE audit_events SET created_at = date_trunc('minute', now()) - interval '170 minutes' "
                    + "WHERE ticket_id = " + t + " AND changes->'status'->>'to' = 'pending'");
            st.execute("UPDATE audit_events SET created_at = date_trunc('minute', now()) - interval '50 minutes' "
                    + "WHERE ticket_id = " + t + " AND changes->'status'->>'to' = 'open'");
        }
        JsonPath low = as(agent.token()).get("/api/v1/tickets/" + t).then().statusCode(200).extract().jsonPath();
        Instant created = Instant.parse(low.getString("createdAt"));
        assertThat(Instant.parse((String) state(low, "first_response").get("due"))).isEqualTo(created.plus(Duration.ofMinutes(600 + 120)));
        assertThat(((Number) state(low, "first_response").get("elapsedMinutes")).longValue()).isBetween(59L, 61L);

        JsonPath high = as(agent.token()).body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> first = state(high, "first_response");
        assertThat(first.get("startedAt")).isEqualTo(state(low, "first_response").get("startedAt"));
        assertThat(Instant.parse((String) first.get("due"))).as("original start + 2 h target + 2 h paused")
                .isEqualTo(created.plus(Duration.ofMinutes(120 + 120)));
        assertThat(first.get("status")).isEqualTo("active");
    }

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void scanningWorkersEmitOneReminderAndOneBreachPerClockHoweverManyScan() throws Exception {
        long cal = calendar24x7();
        String tag = Api.unique("scan").toLowerCase();
        as(admin).body(Map.of("name", "Scan", "position", 0, "calendarId", cal, "conditions", Map.of("tags", List.of(tag)),
                "targets", Map.of("high", Map.of("first_response", Map.of("minutes", 20), "resolution", Map.of("minutes", 600)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
        long soon = Api.ticket(agent.token(), Map.of("subject", "soon", "description", "d", "priority", "high", "requesterId", customer.id(),
                "tags", List.of(tag)));
        long late = Api.ticket(agent.token(), Map.of("subject", "late", "description", "d", "priority", "high", "requesterId", customer.id(),
                "tags", List.of(tag)));
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            // the second ticket was opened an hour ago: its 20-minute first response is overdue
            st.execute("UPDATE tickets SET created_at = now() - interval '1 hour', sla_next_due = now() - interval '40 minutes' WHERE id = " + late);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(scanner::scan));
            }
            int emitted = 0;
            for (var r : runs) {
                emitted += r.get();
            }
            assertThat(emitted).as("notices across all concurrent scans (other tickets of this desk may add theirs)").isGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdown();
        }
        assertThat(scanner.scan()).as("a later scan repeats nothing").isZero();
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT ticket_id, metric, kind FROM sla_notifications WHERE ticket_id IN (" + soon + ", " + late + ")")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
            assertThat(rows).containsExactlyInAnyOrder(soon + ":first_response:reminder", late + ":first_response:breach");
        }
    }

    @Test
    void badPoliciesAndCalendarsNameTheField() {
        problem(as(admin).body(Map.of("name", "x", "timeZone", "Mars/Olympus", "windows", List.of(Map.of("day", "monday", "start", "9", "end", "17:00"))))
                .post("/api/v1/business-calendars").then(), 400, "validation-error")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("timeZone", "windows[0].start"));
        problem(as(admin).body(Map.of("name", "x", "timeZone", "UTC", "windows", List.of(Map.of("day", "funday", "start", "09:00", "end", "17:00"))))
                .post("/api/v1/business-calendars").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("windows[0].day")).body("errors[0].message", org.hamcrest.Matchers.containsString("monday"));
        problem(as(admin).body(Map.of("name", "p", "targets", Map.of("critical", Map.of("first_response", Map.of("minutes", 10)))))
                .post("/api/v1/sla-policies").then(), 400, "validation-error").body("errors[0].field", equalTo("targets.critical"));
        problem(as(admin).body(Map.of("name", "p", "targets", Map.of("normal", Map.of("first_reply", Map.of("minutes", 10)))))
                .post("/api/v1/sla-policies").then(), 400, "validation-error").body("errors[0].field", equalTo("targets.normal.first_reply"));
        problem(as(admin).body(Map.of("name", "p", "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 10),
                "resolution", Map.of("minutes", 0))))).post("/api/v1/sla-policies").then(), 400, "validation-error")
                .body("errors.field", org.hamcrest.Matchers.hasItems("targets.normal.resolution.minutes"));
        problem(as(admin).body(Map.of("name", "p", "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 10)))))
                .post("/api/v1/sla-policies").then(), 400, "validation-error").body("errors.field", org.hamcrest.Matchers.hasItems("calendarId"));
        problem(as(agent.token()).body(Map.of("name", "p", "targets", Map.of())).post("/api/v1/sla-policies").then(), 403, "forbidden");
        problem(as(agent.token()).queryParam("from", "last week").get("/api/v1/sla/report").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void holidaysImportFromAnICalendarFile() {
        long cal = calendar24x7();
        as(admin).contentType("text/calendar").body("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
                .post("/api/v1/business-calendars/" + cal + "/holidays").then().statusCode(200)
                .body("holidays", equalTo(List.of("2026-12-25")));
        problem(as(admin).contentType("text/calendar").body("nothing here").post("/api/v1/business-calendars/" + cal + "/holidays").then(),
                400, "validation-error");
    }
}
