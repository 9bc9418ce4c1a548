package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lost updates are detected: every editable record has an ETag, and a write with a stale If-Match is a 412. */
@QuarkusTest
class ConcurrentEditTest extends HelpDeskTest {
    String admin;
    String agent;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null).token();
    }

    @Test
    void aStaleIfMatchOnATicketIs412AndChangesNothing() {
        long t = Api.ticket(agent, "Two editors");
        String etag = as(agent).get("/api/v1/tickets/" + t).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).extract().header("ETag");
        // the colleague saves first
        as(agent).header("If-Match", etag).body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then()
                .statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        // then our edit, based on what we read before, is refused instead of silently undoing theirs
        problem(as(agent).header("If-Match", etag).body(Map.of("priority", "low", "subject", "Mine")).patch("/api/v1/tickets/" + t).then(),
                412, "precondition-failed").body("detail", containsString("version \"2\""));
        as(agent).get("/api/v1/tickets/" + t).then().body("priority", equalTo("high")).body("subject", equalTo("Two editors"));
    }

    @Test
    void aCommentChangesTheTicketsVersionToo() {
        long t = Api.ticket(agent, "Comment in between");
        String etag = as(agent).get("/api/v1/tickets/" + t).then().extract().header("ETag");
        as(agent).body(Map.of("body", "On it")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        problem(as(agent).header("If-Match", etag).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + t).then(), 412,
                "precondition-failed");
    }

    @Test
    void ifMatchFollowsRfc9110() {
        long t = Api.ticket(agent, "Header forms");
        problem(as(agent).header("If-Match", "W/\"1\"").body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then(),
                412, "precondition-failed"); // weak tags never match If-Match
        problem(as(agent).header("If-Match", "1").body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then(),
                400, "validation-error").body("errors[0].field", equalTo("If-Match"));
        as(agent).header("If-Match", "\"9\", \"1\"").body(Map.of("priority", "high")).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent).header("If-Match", "*").body(Map.of("priority", "low")).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent).body(Map.of("priority", "urgent")).patch("/api/v1/tickets/" + t).then().statusCode(200).body("version", equalTo(4));
        // a patch that changes nothing keeps the version
        as(agent).body(Map.of("priority", "urgent")).patch("/api/v1/tickets/" + t).then().statusCode(200).header("ETag", "\"4\"");
    }

    @Test
    void usersOrganizationsPoliciesAndCalendarsAreProtectedTheSameWay() {
        Api.Person p = Api.person(admin, "customer", null);
        as(admin).header("If-Match", "\"1\"").body(Map.of("name", "First")).patch("/api/v1/users/" + p.id()).then().statusCode(200);
        problem(as(admin).header("If-Match", "\"1\"").body(Map.of("name", "Second")).patch("/api/v1/users/" + p.id()).then(), 412,
                "precondition-failed");

        long org = Api.organization(admin, Api.unique("Org"));
        as(admin).header("If-Match", "\"1\"").body(Map.of("domain", "a.example")).patch("/api/v1/organizations/" + org).then().statusCode(200);
        problem(as(admin).header("If-Match", "\"1\"").body(Map.of("domain", "b.example")).patch("/api/v1/organizations/" + org).then(),
                412, "precondition-failed");

        Map<String, Object> calendar = Map.of("name", Api.unique("Cal"), "timeZone", "UTC",
                "windows", List.of(Map.of("day", "monday", "start", "09:00", "end", "17:00")));
        long cal = as(admin).body(calendar).post("/api/v1/business-calendars").then().statusCode(201).header("ETag", "\"1\"")
                .extract().<Number>path("id").longValue();
        as(admin).header("If-Match", "\"1\"").body(calendar).put("/api/v1/business-calendars/" + cal).then().statusCode(200)
                .header("ETag", "\"2\"");
        problem(as(admin).header("If-Match", "\"1\"").body(calendar).put("/api/v1/business-calendars/" + cal).then(), 412,
                "precondition-failed");
        problem(as(admin).header("If-Match", "\"1\"").contentType("text/calendar")
                .body("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\n").post("/api/v1/business-calendars/" + cal + "/holidays")
                .then(), 412, "precondition-failed");

        Map<String, Object> policy = Map.of("name", Api.unique("Policy"), "active", false, "calendarId", cal,
                "targets", Map.of("low", Map.of("resolution", Map.of("minutes", 600))));
        long id = as(admin).body(policy).post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();
        as(admin).header("If-Match", "\"1\"").body(policy).put("/api/v1/sla-policies/" + id).then().statusCode(200).header("ETag", "\"2\"");
        problem(as(admin).header("If-Match", "\"1\"").body(policy).put("/api/v1/sla-policies/" + id).then(), 412, "precondition-failed");
    }
}
