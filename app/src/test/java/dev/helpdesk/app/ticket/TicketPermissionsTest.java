package dev.helpdesk.app.ticket;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may see and do what: customers stay inside their organization and never see internal notes. */
@QuarkusTest
class TicketPermissionsTest extends HelpDeskTest {
    String admin;
    long acme;
    long globex;
    Api.Person agent;
    Api.Person acmeCustomer;
    Api.Person acmeColleague;
    Api.Person globexCustomer;

    @BeforeEach
    void people() {
        admin = Api.admin();
        acme = Api.organization(admin, Api.unique("Acme"));
        globex = Api.organization(admin, Api.unique("Globex"));
        agent = Api.person(admin, "agent", null);
        acmeCustomer = Api.person(admin, "customer", acme);
        acmeColleague = Api.person(admin, "customer", acme);
        globexCustomer = Api.person(admin, "customer", globex);
    }

    @Test
    void customerCannotReadAnotherOrganizationsTicketAndLearnsNothingAboutIt() {
        long ticket = Api.ticket(acmeCustomer.token(), "VPN down");
        problem(as(globexCustomer.token()).get("/api/v1/tickets/" + ticket).then(), 404, "not-found");
        problem(as(globexCustomer.token()).get("/api/v1/tickets/" + ticket + "/comments").then(), 404, "not-found");
        problem(as(globexCustomer.token()).body(Map.of("body", "hi")).post("/api/v1/tickets/" + ticket + "/comments").then(),
                404, "not-found");
        problem(as(globexCustomer.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + ticket).then(),
                404, "not-found");
        as(globexCustomer.token()).queryParam("organization", acme).get("/api/v1/tickets").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void customersSeeTheirOrganizationsTicketsAndAgentsSeeAll() {
        long ticket = Api.ticket(acmeCustomer.token(), "Shared printer");
        as(acmeColleague.token()).get("/api/v1/tickets/" + ticket).then().statusCode(200).body("id", equalTo((int) ticket));
        as(agent.token()).get("/api/v1/tickets/" + ticket).then().statusCode(200);
        as(acmeColleague.token()).queryParam("organization", acme).get("/api/v1/tickets").then()
                .body("items.id", contains((int) ticket));
    }

    @Test
    void customersNeverSeeInternalNotesNorFindTicketsByTheirWords() {
        long ticket = Api.ticket(acmeCustomer.token(), "Laptop battery");
        as(agent.token()).body(Map.of("body", "We will replace it tomorrow", "public", true))
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201);
        as(agent.token()).body(Map.of("body", "Customer dropped it, warranty xylophonic void", "public", false))
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201).body("public", equalTo(false));
        as(acmeCustomer.token()).get("/api/v1/tickets/" + ticket + "/comments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].public", equalTo(true));
        as(agent.token()).get("/api/v1/tickets/" + ticket + "/comments").then().body("", hasSize(2));
        as(acmeCustomer.token()).queryParam("q", "xylophonic").get("/api/v1/tickets").then().body("total", equalTo(0));
        as(agent.token()).queryParam("q", "xylophonic").get("/api/v1/tickets").then().body("items.id", contains((int) ticket));
    }

    @Test
    void customersCannotWriteNotesAssignOrAuditButCanSolveTheirTicket() {
        long ticket = Api.ticket(acmeCustomer.token(), "Password reset");
        problem(as(acmeCustomer.token()).body(Map.of("body", "secret", "public", false))
                .post("/api/v1/tickets/" + ticket + "/comments").then(), 403, "forbidden").body("errors[0].field", equalTo("public"));
        problem(as(acmeCustomer.token()).body(Map.of("assigneeId", agent.id())).patch("/api/v1/tickets/" + ticket).then(),
                403, "forbidden").body("errors[0].field", equalTo("assigneeId"));
        problem(as(acmeCustomer.token()).body(Map.of("subject", "x", "description", "y", "assigneeId", agent.id()))
                .post("/api/v1/tickets").then(), 403, "forbidden");
        problem(as(acmeCustomer.token()).get("/api/v1/tickets/" + ticket + "/audit").then(), 403, "forbidden");
        problem(as(acmeCustomer.token()).body(Map.of("status", "open")).patch("/api/v1/tickets/" + ticket).then(), 403, "forbidden");
        as(acmeCustomer.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + ticket).then()
                .statusCode(200).body("status", equalTo("solved"));
    }

    @Test
    void onlyAdminsManagePeopleAndOrganizations() {
        problem(as(agent.token()).body(Map.of("email", "x@test.example", "name", "X", "role", "agent"))
                .post("/api/v1/users").then(), 403, "forbidden");
        problem(as(agent.token()).body(Map.of("name", Api.unique("Org"))).post("/api/v1/organizations").then(), 403, "forbidden");
        problem(as(agent.token()).body(Map.of("name", Api.unique("Team"))).post("/api/v1/groups").then(), 403, "forbidden");
        problem(as(acmeCustomer.token()).get("/api/v1/users").then(), 403, "forbidden");
        as(agent.token()).get("/api/v1/users").then().statusCode(200);
        problem(as(acmeCustomer.token()).get("/api/v1/users/" + agent.id()).then(), 404, "not-found");
        as(acmeCustomer.token()).get("/api/v1/organizations/" + acme).then().statusCode(200);
        problem(as(acmeCustomer.token()).get("/api/v1/organizations/" + globex).then(), 404, "not-found");
    }

    @Test
    void agentsWorkTicketsOfEveryOrganization() {
        long group = as(admin).body(Map.of("name", Api.unique("Tier 1"))).post("/api/v1/groups").then()
                .statusCode(201).extract().<Number>path("id").longValue();
        as(admin).put("/api/v1/groups/" + group + "/members/" + agent.id()).then().statusCode(200)
                .body("memberIds", contains((int) agent.id()));
        problem(as(admin).put("/api/v1/groups/" + group + "/members/" + acmeCustomer.id()).then(), 400, "validation-error");
        long ticket = Api.ticket(globexCustomer.token(), "Email bounce");
        as(agent.token()).body(Map.of("assigneeId", agent.id(), "groupId", group, "priority", "high"))
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("assigneeId", equalTo((int) agent.id())).body("groupId", equalTo((int) group))
                .body("priority", equalTo("high")).body("status", equalTo("open"));
        problem(as(agent.token()).body(Map.of("assigneeId", acmeCustomer.id())).patch("/api/v1/tickets/" + ticket).then(),
                400, "validation-error").body("errors[0].field", equalTo("assigneeId"));
    }
}
