package dev.helpdesk.app.sla;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No SLA configuration, however odd, can break ticket handling: bad input is refused, and what slips through shows as unknown. */
@QuarkusTest
@TestProfile(SlaApiTest.OwnDatabase.class)
class SlaConfigurationSafetyTest extends HelpDeskTest {
    @Inject
    DataSource dataSource;

    String admin;
    String agent;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null).token();
    }

    private long calendar(Map<String, String> window) {
        return as(admin).body(Map.of("name", Api.unique("Cal"), "timeZone", "Europe/Berlin", "windows", List.of(window)))
                .post("/api/v1/business-calendars").then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private static String ics(String start, String end) {
        return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Company shutdown\r\nDTSTART;VALUE=DATE:" + start
                + "\r\nDTEND;VALUE=DATE:" + end + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    @Test
    void anImportedEventWithATypoInTheYearIsRefusedAndTheCalendarStaysAsItWas() {
        long cal = calendar(Map.of("day", "monday", "start", "09:00", "end", "17:00"));
        problem(as(admin).contentType("text/calendar").body(ics("20261101", "20370101"))
                .post("/api/v1/business-calendars/" + cal + "/holidays").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("'Company shutdown' from 2026-11-01 to 2036-12-31 spans 3714 days"));
        problem(as(admin).contentType("text/calendar").body(ics("00010101", "99991231"))
                .post("/api/v1/business-calendars/" + cal + "/holidays").then(), 400, "validation-error")
                .body("errors[0].message", containsString("between 1970-01-01 and 9999-12-31"));
        as(admin).get("/api/v1/business-calendars/" + cal).then().statusCode(200).body("holidays", equalTo(List.of()));
        // a real two-week closure is fine
        as(admin).contentType("text/calendar").body(ics("20261221", "20270104"))
                .post("/api/v1/business-calendars/" + cal + "/holidays").then().statusCode(200)
                .body("holidays.size()", equalTo(14));
    }

    @Test
    void holidayListsAreBoundedInCountAndRange() {
        List<String> many = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2030, 1, 1); many.size() < 1001; d = d.plusDays(1)) {
            many.add(d.toString());
        }
        Map<String, String> window = Map.of("day", "monday", "start", "09:00", "end", "17:00");
        problem(as(admin).body(Map.of("name", "Many", "timeZone", "UTC", "windows", List.of(window), "holidays", many))
                .post("/api/v1/business-calendars").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("holidays")).body("errors[0].message", equalTo("at most 1000 holidays"));
        problem(as(admin).body("{\"name\":\"Far\",\"timeZone\":\"UTC\",\"windows\":[{\"day\":\"monday\",\"start\":\"09:00\",\"end\":\"17:00\"}],"
                + "\"holidays\":[\"+999999999-12-31\"]}").post("/api/v1/business-calendars").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("holidays[0]"));
    }

    @Test
    void aGoalThatCannotBeReachedOnItsCalendarIsRefused() {
        long hourAWeek = calendar(Map.of("day", "wednesday", "start", "10:00", "end", "11:00"));
        problem(as(admin).body(Map.of("name", Api.unique("Impossible"), "calendarId", hourAWeek,
                "targets", Map.of("normal", Map.of("resolution", Map.of("minutes", 525_600))))).post("/api/v1/sla-policies").then(),
                400, "validation-error")
                .body("errors[0].field", equalTo("targets.normal.resolution.minutes"))
                .body("errors[0].message", containsString("at most 3120 fit"));
        // calendar time is not limited by the calendar's windows
        as(admin).body(Map.of("name", Api.unique("Calendar time"), "calendarId", hourAWeek, "conditions", Map.of("tags", List.of("never-used")),
                "targets", Map.of("normal", Map.of("resolution", Map.of("minutes", 525_600, "businessHours", false)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
    }

    @Test
    void narrowingACalendarBelowAPolicysGoalIsRefused() {
        long cal = calendar(Map.of("day", "monday", "start", "09:00", "end", "17:00"));
        String name = Api.unique("Gold");
        as(admin).body(Map.of("name", name, "calendarId", cal, "conditions", Map.of("tags", List.of("never-used")),
                "targets", Map.of("high", Map.of("resolution", Map.of("minutes", 20_000))))).post("/api/v1/sla-policies").then().statusCode(201);
        problem(as(admin).body(Map.of("name", "Narrow", "timeZone", "Europe/Berlin",
                "windows", List.of(Map.of("day", "monday", "start", "09:00", "end", "10:00")))).put("/api/v1/business-calendars/" + cal).then(),
                400, "validation-error")
                .body("errors[0].field", equalTo("windows")).body("errors[0].message", containsString(name));
    }

    @Test
    void aDeadlineThatCannotBeComputedShowsAsUnknownAndTheTicketKeepsWorking() throws Exception {
        long cal = calendar(Map.of("day", "monday", "start", "09:00", "end", "10:00"));
        as(admin).body(Map.of("name", Api.unique("Legacy"), "position", 0, "calendarId", cal, "conditions", Map.of("tags", List.of("legacy-cal")),
                "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 120))))).post("/api/v1/sla-policies").then().statusCode(201);
        // what an older release accepted: eleven years of holidays, written behind the API's back
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE business_calendars SET holidays = ARRAY(SELECT generate_series("
                     + "current_date - 7, current_date + 4020, interval '1 day')::date) WHERE id = ?")) {
            ps.setLong(1, cal);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        JsonPath created = as(agent).body(Map.of("subject", "Old calendar", "description", "d", "tags", List.of("legacy-cal")))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        assertThat(created.getString("sla.targets[0].status")).isEqualTo("unknown");
        assertThat(created.getString("sla.targets[0].reason")).contains("do not fit");
        as(agent).get("/api/v1/tickets/" + id).then().statusCode(200).body("sla.targets[0].status", equalTo("unknown"));
        as(agent).body(Map.of("body", "Still works")).post("/api/v1/tickets/" + id + "/comments").then().statusCode(201);
        as(agent).body(Map.of("status", "pending")).patch("/api/v1/tickets/" + id).then().statusCode(200);
        as(agent).queryParam("tag", "legacy-cal").get("/api/v1/tickets").then().statusCode(200).body("total", equalTo(1));
    }
}
