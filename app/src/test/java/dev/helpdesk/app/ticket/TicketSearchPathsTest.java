package dev.helpdesk.app.ticket;

import static dev.helpdesk.app.testing.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A search finds its page by walking the newest tickets when the word is common, through the
 * text index when it is rare; both give the same tickets in the same order.
 */
@QuarkusTest
class TicketSearchPathsTest extends HelpDeskTest {
    @Inject
    DataSource dataSource;

    @Test
    void commonAndRareWordsFindTheSameTicketsTheyWouldWithoutTheWindow() throws Exception {
        String agent = Api.person(Api.admin(), "agent", null).token();
        String tag = Api.unique("search").toLowerCase();
        // 6,000 tickets, newest last; every third mentions a scanner; only the very oldest a "flux capacitor"
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tickets (subject, description, status, priority, requester_id, tags, created_at, updated_at)
                SELECT 'Ticket ' || g, CASE WHEN g = 1 THEN 'the flux capacitor hums' WHEN g % 3 = 0 THEN 'the scanner jams'
                                            ELSE 'nothing special' END,
                       'open', 'normal', (SELECT min(id) FROM users), ARRAY[?], now() - (6001 - g) * interval '1 minute',
                       now() - (6001 - g) * interval '1 minute'
                FROM generate_series(1, 6000) g""")) {
            ps.setString(1, tag);
            ps.executeUpdate();
        }

        as(agent).queryParam("tag", tag).queryParam("q", "flux capacitor").get("/api/v1/tickets").then().statusCode(200)
                .body("items.subject", contains("Ticket 1")).body("total", equalTo(1));
        as(agent).queryParam("tag", tag).queryParam("q", "flux").queryParam("sort", "createdAt").get("/api/v1/tickets").then()
                .body("items.subject", contains("Ticket 1"));

        List<String> newestScanners = new ArrayList<>();
        for (int g = 6000; newestScanners.size() < 25; g--) {
            if (g % 3 == 0) {
                newestScanners.add("Ticket " + g);
            }
        }
        as(agent).queryParam("tag", tag).queryParam("q", "scanner").get("/api/v1/tickets").then()
                .body("items.subject", contains(newestScanners.toArray()));
        // the last of 80 full pages: the window grows with the page asked for
        as(agent).queryParam("tag", tag).queryParam("q", "scanner").queryParam("page", 80).get("/api/v1/tickets").then()
                .body("items", hasSize(25)).body("items[24].subject", equalTo("Ticket 3"));
        as(agent).queryParam("tag", tag).queryParam("q", "scanner").queryParam("sort", "id").queryParam("size", 2).get("/api/v1/tickets")
                .then().body("items.subject", contains("Ticket 3", "Ticket 6"));
    }
}
