package dev.helpdesk.app.auth;

import static dev.helpdesk.app.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions checked once are remembered for a few seconds, yet a session ended or a user changed
 * elsewhere (another replica, or SQL by hand: both reach this process only through PostgreSQL)
 * stops working here as soon as the database's notification arrives, well within a second.
 */
@QuarkusTest
class SessionMemoryTest extends HelpDeskTest {
    private static final Duration DELIVERY = Duration.ofSeconds(2);

    @Inject
    Db db;

    String admin;
    Api.Person agent;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null);
    }

    private String login() {
        return given().contentType(ContentType.JSON).body(Map.of("email", agent.email(), "password", "password-123"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    private static int status(String token, String path) {
        return as(token).get(path).then().extract().statusCode();
    }

    @Test
    void aSessionEndedInTheDatabaseStopsWorkingHereWithinTheNotificationsDelivery() {
        String token = login();
        for (int i = 0; i < 3; i++) {
            assertThat(status(token, "/api/v1/users/me")).isEqualTo(200); // checked, then remembered
        }
        long changed = db.tx(c -> Sql.update(c, "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'by hand' "
                + "WHERE user_id = ? AND revoked_at IS NULL", agent.id()));
        assertThat(changed).isPositive();
        Awaitility.await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20))
                .until(() -> status(token, "/api/v1/users/me") == 401);
        assertThat(status(token, "/api/v1/users/me")).as("and stays ended").isEqualTo(401);
    }

    @Test
    void aUserDemotedOrDeactivatedInTheDatabaseLosesTheirRightsHereAsSoon() {
        String token = login();
        assertThat(status(token, "/api/v1/tickets?sla=breached")).as("agents filter by SLA").isEqualTo(200);
        assertThat(status(token, "/api/v1/tickets?sla=breached")).isEqualTo(200);
        db.tx(c -> Sql.update(c, "UPDATE users SET role = 'customer' WHERE id = ?", agent.id()));
        Awaitility.await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20))
                .until(() -> status(token, "/api/v1/tickets?sla=breached") == 403);

        db.tx(c -> Sql.update(c, "UPDATE users SET active = false WHERE id = ?", agent.id()));
        Awaitility.await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20))
                .until(() -> status(token, "/api/v1/users/me") == 401);
    }
}
