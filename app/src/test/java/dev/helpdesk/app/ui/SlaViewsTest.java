package dev.helpdesk.app.ui;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.helpdesk.app.live.TicketEvents;
import dev.helpdesk.app.sla.SlaScanner;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The agents' "At risk" and "Breached" views, the same filter as the API's {@code sla=}, and the
 * scan that moves a ticket into them telling the open pages.
 */
@QuarkusTest
class SlaViewsTest extends HelpDeskTest {
    @Inject SlaScanner scanner;
    @Inject TicketEvents events;
    @Inject DataSource dataSource;

    @Test
    void ticketsDueSoonAreAtRiskAndOverdueOnesBreachedAndTheScanSaysSo() throws Exception {
        String admin = Api.admin();
        String tag = Api.unique("views").toLowerCase();
        // high: 20 minutes, inside the 30-minute reminder lead from the start; normal: 10 hours
        as(admin).body(Map.of("name", Api.unique("Views"), "position", 0, "calendarId", Api.alwaysOpenCalendar(admin),
                "conditions", Map.of("tags", List.of(tag)), "targets", Map.of(
                        "high", Map.of("first_response", Map.of("minutes", 20)),
                        "normal", Map.of("first_response", Map.of("minutes", 600)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
        Api.Person agent = Api.person(admin, "agent", null);
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long soon = ticket(agent, customer, "Due soon " + tag, "high", tag);
        long late = ticket(agent, customer, "Overdue " + tag, "high", tag);
        ticket(agent, customer, "Plenty of time " + tag, "normal", tag);
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("UPDATE tickets SET created_at = now() - interval '1 hour', sla_next_due = now() - interval '40 minutes' WHERE id = " + late);
        }
        Queue<Long> heard = new ConcurrentLinkedQueue<>();
        Runnable stop = events.listen(change -> heard.add(change.ticketId()));
        try {
            scanner.scan();
            org.awaitility.Awaitility.await("the scan tells the open pages about the breached ticket")
                    .atMost(java.time.Duration.ofSeconds(10)).until(() -> heard.contains(late));
        } finally {
            stop.run();
        }

        as(agent.token()).queryParam("tag", tag).queryParam("sla", "at_risk").get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", contains((int) soon));
        as(agent.token()).queryParam("tag", tag).queryParam("sla", "breached").get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", contains((int) late));
        Api.problem(as(customer.token()).queryParam("sla", "breached").get("/api/v1/tickets").then(), 403, "forbidden")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sla"));
        Api.problem(as(agent.token()).queryParam("sla", "late").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sla"));

        WebClient browser = new WebClient().signIn(agent.email(), "password-123");
        String atRisk = browser.get("/tickets?view=at_risk").asString();
        assertThat(atRisk).contains("Due soon " + tag).doesNotContain("Overdue " + tag).doesNotContain("Plenty of time " + tag)
                .contains("aria-current=\"page\">At risk<");
        String breached = browser.get("/tickets?view=breached").asString();
        assertThat(breached).contains("Overdue " + tag).doesNotContain("Due soon " + tag).doesNotContain("Plenty of time " + tag);

        as(agent.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + late).then().statusCode(200);
        assertThat(browser.get("/tickets?view=breached").asString()).as("a solved ticket leaves the view").doesNotContain("Overdue " + tag);
    }

    private static long ticket(Api.Person agent, Api.Person customer, String subject, String priority, String tag) {
        return Api.ticket(agent.token(), Map.of("subject", subject, "description", "d", "priority", priority,
                "requesterId", customer.id(), "tags", List.of(tag)));
    }
}
