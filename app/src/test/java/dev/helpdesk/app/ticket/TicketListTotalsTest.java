package dev.helpdesk.app.ticket;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A large desk's list answers fast: when the planner expects over 1,000 matches the total is its estimate, exact on request. */
@QuarkusTest
class TicketListTotalsTest extends HelpDeskTest {
    @Inject
    DataSource dataSource;

    @Test
    void pastAThousandMatchesTheTotalIsAnEstimateUnlessAskedForExactly() throws Exception {
        String agent = Api.person(Api.admin(), "agent", null).token();
        String tag = Api.unique("bulk").toLowerCase();
        insertTickets(tag, 1200);
        analyze(); // as autovacuum does on a real desk: the planner learns how common the tag is

        JsonPath estimated = as(agent).queryParam("tag", tag).get("/api/v1/tickets").then().statusCode(200)
                .body("items", hasSize(25)).extract().jsonPath();
        assertThat(estimated.getBoolean("totalIsEstimate")).isTrue();
        assertThat(estimated.getLong("total")).as("the planner's estimate").isBetween(1001L, 5000L);

        as(agent).queryParam("tag", tag).queryParam("count", "exact").get("/api/v1/tickets").then().statusCode(200)
                .body("total", equalTo(1200)).body("totalIsEstimate", equalTo(false)).body("items", hasSize(25));
        as(agent).queryParam("tag", tag).queryParam("size", 7).queryParam("page", 172).get("/api/v1/tickets").then()
                .body("items", hasSize(3)).body("total", equalTo(1200)).body("totalIsEstimate", equalTo(false));
    }

    @Test
    void smallerListsAreCountedExactly() throws Exception {
        String agent = Api.person(Api.admin(), "agent", null).token();
        String tag = Api.unique("few").toLowerCase();
        insertTickets(tag, 60);
        analyze();
        as(agent).queryParam("tag", tag).get("/api/v1/tickets").then().statusCode(200)
                .body("total", equalTo(60)).body("totalIsEstimate", equalTo(false)).body("items", hasSize(25));
        as(agent).queryParam("tag", tag).queryParam("page", 3).get("/api/v1/tickets").then()
                .body("total", equalTo(60)).body("items", hasSize(10));
        as(agent).queryParam("tag", tag).queryParam("page", 4).get("/api/v1/tickets").then()
                .body("total", equalTo(60)).body("items", hasSize(0));
        as(agent).queryParam("tag", tag + "-none").get("/api/v1/tickets").then()
                .body("total", equalTo(0)).body("totalIsEstimate", equalTo(false));
    }

    @Test
    void anUnknownCountModeIsRefusedByName() {
        String agent = Api.person(Api.admin(), "agent", null).token();
        as(agent).queryParam("count", "roughly").get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("count"));
    }

    private void analyze() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("ANALYZE tickets");
        }
    }

    private void insertTickets(String tag, int n) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tickets (subject, description, status, priority, requester_id, tags)
                SELECT 'Bulk ' || g, 'Inserted for the totals test', 'open', 'normal', (SELECT min(id) FROM users), ARRAY[?]
                FROM generate_series(1, ?) g""")) {
            ps.setString(1, tag);
            ps.setInt(2, n);
            ps.executeUpdate();
        }
    }
}
