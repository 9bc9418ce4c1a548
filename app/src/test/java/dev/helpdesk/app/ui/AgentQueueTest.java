package dev.helpdesk.app.ui;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents' queue and ticket controls: assign to a colleague, and change several tickets at once through the API's rules. */
@QuarkusTest
class AgentQueueTest extends HelpDeskTest {

    private static io.restassured.specification.RequestSpecification bulk(WebClient browser, String csrf, Map<String, String> fields,
                                                                           long... ids) {
        var r = browser.request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(fields);
        if (csrf != null) {
            r.formParam("_csrf", csrf);
        }
        for (long id : ids) {
            r.formParam("ids", Long.toString(id));
        }
        return r;
    }

    @Test
    void selectedTicketsAreAssignedAndMovedTogetherAndOneThatMayNotMoveIsNamed() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        Api.Person colleague = Api.person(admin, "agent", null);
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long first = Api.ticket(customer.token(), "Bulk one");
        long second = Api.ticket(customer.token(), "Bulk two");
        long closed = Api.ticket(customer.token(), "Already closed");
        as(agent.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + closed).then().statusCode(200);
        as(agent.token()).body(Map.of("status", "closed")).patch("/api/v1/tickets/" + closed).then().statusCode(200);

        WebClient browser = new WebClient().signIn(agent.email(), "password-123");
        String queue = browser.get("/tickets?view=unassigned").asString();
        assertThat(queue).contains("value=\"" + colleague.id() + "\"").contains("aria-label=\"Select ticket #" + first + "\"");

        Response done = browser.remember(bulk(browser, browser.token(), Map.of("assignee", Long.toString(colleague.id()),
                "status", "pending", "view", "unassigned"), first, second, closed).post("/tickets/bulk"));
        assertThat(done.statusCode()).isEqualTo(409);
        assertThat(done.asString()).contains("Changed 2 tickets").contains("#" + closed + ":");
        for (long id : new long[] {first, second}) {
            as(agent.token()).get("/api/v1/tickets/" + id).then().body("assigneeId", org.hamcrest.Matchers.equalTo((int) colleague.id()))
                    .body("status", org.hamcrest.Matchers.equalTo("pending"));
        }
        as(agent.token()).get("/api/v1/tickets/" + closed).then().body("status", org.hamcrest.Matchers.equalTo("closed"))
                .body("assigneeId", org.hamcrest.Matchers.nullValue());

        Response nothingChosen = browser.remember(bulk(browser, browser.token(), Map.of("status", "open")).post("/tickets/bulk"));
        assertThat(nothingChosen.statusCode()).isEqualTo(400);
        assertThat(nothingChosen.asString()).contains("Select at least one ticket.");
        Response noChange = browser.remember(bulk(browser, browser.token(), Map.of("assignee", "keep", "status", ""), first).post("/tickets/bulk"));
        assertThat(noChange.statusCode()).isEqualTo(400);
        assertThat(noChange.asString()).contains("Choose an assignee or a status");

        Response forged = bulk(browser, null, Map.of("assignee", "none"), first).post("/tickets/bulk");
        assertThat(forged.statusCode()).as("no form token, no change").isEqualTo(403);
        as(agent.token()).get("/api/v1/tickets/" + first).then().body("assigneeId", org.hamcrest.Matchers.equalTo((int) colleague.id()));

        WebClient customers = new WebClient().signIn(customer.email(), "password-123");
        assertThat(customers.get("/tickets").asString()).doesNotContain("bulk-form");
        assertThat(bulk(customers, customers.token(), Map.of("status", "solved"), first).post("/tickets/bulk").statusCode()).isEqualTo(403);
        as(agent.token()).get("/api/v1/tickets/" + first).then().body("status", org.hamcrest.Matchers.equalTo("pending"));
    }

    @Test
    void aTicketIsAssignedToAColleagueFromItsPageAndNeverToACustomer() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        Api.Person colleague = Api.person(admin, "agent", null);
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long id = Api.ticket(customer.token(), "For a colleague");
        WebClient browser = new WebClient().signIn(agent.email(), "password-123");
        String page = browser.get("/tickets/" + id).asString();
        String version = page.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
        assertThat(browser.post("/tickets/" + id + "/update", Map.of("assignee", Long.toString(colleague.id()), "version", version,
                "_csrf", browser.token())).statusCode()).isEqualTo(303);
        as(agent.token()).get("/api/v1/tickets/" + id).then().body("assigneeId", org.hamcrest.Matchers.equalTo((int) colleague.id()));
        assertThat(browser.get("/tickets/" + id).asString()).contains("(keep)").containsPattern("<option value=\"keep\" selected>[^<]*"
                + java.util.regex.Pattern.quote(colleague.email()));

        page = browser.get("/tickets/" + id).asString();
        assertThat(page).as("agents see the ticket's history").contains("id=\"history\"").contains("assigneeId: " + colleague.id())
                .contains("status: new → open");
        assertThat(new WebClient().signIn(customer.email(), "password-123").get("/tickets/" + id).asString())
                .as("customers do not").doesNotContain("id=\"history\"");
        version = page.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
        Response refused = browser.post("/tickets/" + id + "/update", Map.of("assignee", Long.toString(customer.id()), "version", version,
                "_csrf", browser.token()));
        assertThat(refused.statusCode()).isBetween(400, 422);
        assertThat(refused.asString()).contains("id=\"update-error\"");
        as(agent.token()).get("/api/v1/tickets/" + id).then().body("assigneeId", org.hamcrest.Matchers.equalTo((int) colleague.id()));
    }
}
