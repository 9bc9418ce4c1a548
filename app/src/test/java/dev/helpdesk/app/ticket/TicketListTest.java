package dev.helpdesk.app.ticket;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every list filter, the full-text search and pagination totals, on an organization of its own. */
@QuarkusTest
class TicketListTest extends HelpDeskTest {
    @Inject
    DataSource dataSource;

    String admin;
    long org;
    Api.Person agent;
    Api.Person otherAgent;
    Api.Person customer;
    Api.Person otherCustomer;
    long group;
    long printer;
    long vpn;
    long monitor;
    long invoice;

    @BeforeEach
    void tickets() throws Exception {
        admin = Api.admin();
        org = Api.organization(admin, Api.unique("ListOrg"));
        agent = Api.person(admin, "agent", null);
        otherAgent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", org);
        otherCustomer = Api.person(admin, "customer", org);
        group = as(admin).body(Map.of("name", Api.unique("Hardware"))).post("/api/v1/groups").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        printer = Api.ticket(agent.token(), Map.of("subject", "Printer jams", "description", "The office printer jams on every page",
                "priority", "high", "requesterId", customer.id(), "assigneeId", agent.id(), "groupId", group,
                "tags", List.of("hardware", "printer")));
        vpn = Api.ticket(agent.token(), Map.of("subject", "VPN refuses login", "description", "Authentication failed",
                "priority", "urgent", "requesterId", customer.id(), "assigneeId", otherAgent.id(), "tags", List.of("access")));
        monitor = Api.ticket(agent.token(), Map.of("subject", "Second monitor", "description", "Request for a display",
                "priority", "low", "requesterId", otherCustomer.id(), "tags", List.of("hardware")));
        invoice = Api.ticket(agent.token(), Map.of("subject", "Invoice question", "description", "Why was I charged twice?",
                "priority", "normal", "requesterId", otherCustomer.id()));
        as(agent.token()).body(Map.of("status", "pending")).patch("/api/v1/tickets/" + vpn).then().statusCode(200);
        as(agent.token()).body(Map.of("body", "Replaced the toner cartridge")).post("/api/v1/tickets/" + monitor + "/comments")
                .then().statusCode(201);
        // backdate one ticket so date ranges have something to tell apart
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(
                "UPDATE tickets SET created_at = now() - interval '10 days', updated_at = now() - interval '9 days' WHERE id = ?")) {
            st.setLong(1, invoice);
            st.executeUpdate();
        }
    }

    private RequestSpecification inOrg() {
        return as(agent.token()).queryParam("organization", org);
    }

    @Test
    void filtersByStatusAndPriority() {
        inOrg().queryParam("status", "pending").get("/api/v1/tickets").then().body("items.id", contains((int) vpn)).body("total", equalTo(1));
        inOrg().queryParam("status", "new,open").get("/api/v1/tickets").then()
                .body("items.id", containsInAnyOrder((int) printer, (int) monitor, (int) invoice));
        inOrg().queryParam("priority", "urgent,low").get("/api/v1/tickets").then()
                .body("items.id", containsInAnyOrder((int) vpn, (int) monitor));
    }

    @Test
    void filtersByAssigneeRequesterGroupAndTag() {
        inOrg().queryParam("assignee", agent.id()).get("/api/v1/tickets").then().body("items.id", contains((int) printer));
        inOrg().queryParam("assignee", "me").get("/api/v1/tickets").then().body("items.id", contains((int) printer));
        inOrg().queryParam("assignee", "none").get("/api/v1/tickets").then()
                .body("items.id", containsInAnyOrder((int) monitor, (int) invoice));
        inOrg().queryParam("requester", otherCustomer.id()).get("/api/v1/tickets").then()
                .body("items.id", containsInAnyOrder((int) monitor, (int) invoice));
        inOrg().queryParam("group", group).get("/api/v1/tickets").then().body("items.id", contains((int) printer));
        inOrg().queryParam("group", "none").get("/api/v1/tickets").then().body("total", equalTo(3));
        inOrg().queryParam("tag", "hardware").get("/api/v1/tickets").then()
                .body("items.id", containsInAnyOrder((int) printer, (int) monitor));
        inOrg().queryParam("tag", "hardware").queryParam("tag", "printer").get("/api/v1/tickets").then()
                .body("items.id", contains((int) printer));
        as(agent.token()).queryParam("organization", org).queryParam("status", "open").queryParam("tag", "hardware")
                .queryParam("assignee", agent.id()).get("/api/v1/tickets").then().body("items.id", contains((int) printer));
    }

    @Test
    void filtersByCreatedAndUpdatedRanges() {
        String fiveDaysAgo = Instant.now().minus(5, ChronoUnit.DAYS).toString();
        inOrg().queryParam("createdTo", fiveDaysAgo).get("/api/v1/tickets").then().body("items.id", contains((int) invoice));
        inOrg().queryParam("createdFrom", fiveDaysAgo).get("/api/v1/tickets").then().body("total", equalTo(3));
        inOrg().queryParam("updatedFrom", fiveDaysAgo).get("/api/v1/tickets").then().body("total", equalTo(3));
        inOrg().queryParam("updatedTo", fiveDaysAgo).get("/api/v1/tickets").then().body("items.id", contains((int) invoice));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        inOrg().queryParam("createdFrom", today).queryParam("createdTo", today).get("/api/v1/tickets").then().body("total", equalTo(3));
    }

    @Test
    void searchesSubjectDescriptionAndCommentsWithStemming() {
        inOrg().queryParam("q", "jam").get("/api/v1/tickets").then().body("items.id", contains((int) printer));
        inOrg().queryParam("q", "authentication").get("/api/v1/tickets").then().body("items.id", contains((int) vpn));
        inOrg().queryParam("q", "toner").get("/api/v1/tickets").then().body("items.id", contains((int) monitor));
        inOrg().queryParam("q", "charged twice").get("/api/v1/tickets").then().body("items.id", contains((int) invoice));
        inOrg().queryParam("q", "nonexistentword").get("/api/v1/tickets").then().body("total", equalTo(0)).body("items", empty());
        as(customer.token()).queryParam("q", "printer").get("/api/v1/tickets").then().body("items.id", contains((int) printer));
    }

    @Test
    void paginatesWithTotalsAndStableSort() {
        inOrg().queryParam("size", 3).queryParam("sort", "id").get("/api/v1/tickets").then()
                .body("total", equalTo(4)).body("page", equalTo(1)).body("size", equalTo(3))
                .body("items.id", contains((int) printer, (int) vpn, (int) monitor));
        inOrg().queryParam("size", 3).queryParam("page", 2).queryParam("sort", "id").get("/api/v1/tickets").then()
                .body("total", equalTo(4)).body("items.id", contains((int) invoice));
        inOrg().queryParam("size", 3).queryParam("page", 3).get("/api/v1/tickets").then()
                .body("total", equalTo(4)).body("items", hasSize(0));
        inOrg().queryParam("sort", "-priority").get("/api/v1/tickets").then()
                .body("items.id", contains((int) vpn, (int) printer, (int) invoice, (int) monitor));
        inOrg().queryParam("sort", "createdAt").get("/api/v1/tickets").then().body("items[0].id", equalTo((int) invoice));
    }

    @Test
    void badFilterValuesNameTheParameter() {
        problem(inOrg().queryParam("status", "done").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("status"));
        problem(inOrg().queryParam("page", "0").queryParam("size", "1000").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors.field", containsInAnyOrder("page", "size"));
        problem(inOrg().queryParam("createdFrom", "yesterday").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("createdFrom"));
        problem(inOrg().queryParam("sort", "color").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("sort"));
        problem(inOrg().queryParam("assignee", "abc").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("assignee"));
        problem(inOrg().queryParam("tag", "vip,Not A Tag!").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("tag[1]"));
    }

    @Test
    void datesOutsideTheSupportedRangeAreA400NotA500() {
        for (String[] bad : new String[][] {{"createdFrom", "+294277-01-01T00:00:00Z"}, {"createdTo", "+999999999-12-31"},
                {"updatedFrom", "-1000000000-01-01T00:00:00Z"}, {"updatedTo", "1969-12-31"}}) {
            problem(inOrg().urlEncodingEnabled(true).queryParam(bad[0], bad[1]).get("/api/v1/tickets").then(), 400, "validation-error")
                    .body("errors[0].field", equalTo(bad[0]))
                    .body("errors[0].message", containsString("between 1970-01-01 and 9999-12-31"));
        }
        problem(as(Api.admin()).queryParam("from", "+294277-01-01").get("/api/v1/sla/report").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("from"));
        inOrg().queryParam("createdFrom", "1970-01-01").queryParam("createdTo", "9999-12-31").get("/api/v1/tickets").then()
                .statusCode(200).body("total", equalTo(4));
    }

    @Test
    void numbersOutOfRangeSayWhatTheRangeIs() {
        problem(inOrg().queryParam("page", "99999999999").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("page")).body("errors[0].message", equalTo("must be at most 21474836"));
        problem(inOrg().queryParam("requester", "99999999999999999999").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("requester")).body("errors[0].message", containsString("out of range"));
        problem(inOrg().queryParam("size", "ten").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("size")).body("errors[0].message", containsString("whole number"));
    }
}
