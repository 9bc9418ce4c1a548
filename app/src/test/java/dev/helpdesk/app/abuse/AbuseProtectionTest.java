package dev.helpdesk.app.abuse;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limiting (Redis-backed, per client and route) and the spam guard on ticket creation. */
@QuarkusTest
@TestProfile(AbuseProtectionTest.TightLimits.class)
class AbuseProtectionTest extends HelpDeskTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("RATE_LIMIT_MAX_REQUESTS", "5", "RATE_LIMIT_WINDOW_MS", "60000",
                    "SPAM_GUARD_ENABLED", "true", "SPAM_GUARD_COOLDOWN_MS", "2000",
                    // set-up traffic (logins, user creation) is exempted here, which also proves the exemption list works
                    "RATE_LIMIT_DISABLED_ROUTES", "/api/health,/api/status,/api/v1/auth/login,/api/v1/users");
        }
    }

    @Test
    void the6thRequestInAWindowIs429WithRetryAfterAndOtherClientsAreUnaffected() {
        String admin = Api.admin();
        Api.Person a = Api.person(admin, "agent", null);
        Api.Person b = Api.person(admin, "agent", null);
        for (int i = 0; i < 5; i++) {
            as(a.token()).get("/api/v1/organizations").then().statusCode(200);
        }
        problem(as(a.token()).get("/api/v1/organizations").then(), 429, "rate-limited")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("retry in"));
        as(b.token()).get("/api/v1/organizations").then().statusCode(200);
        as(a.token()).get("/api/v1/groups").then().statusCode(200);
    }

    @Test
    void aForgedXForwardedForDoesNotEscapeTheLimitWhenNoProxyIsTrusted() {
        for (int i = 0; i < 5; i++) {
            problem(given().contentType("application/json").header("X-Forwarded-For", "198.51.100." + i)
                    .body(Map.of("refreshToken", "hdr_guess")).post("/api/v1/auth/refresh").then(), 401, "invalid-refresh-token");
        }
        problem(given().contentType("application/json").header("X-Forwarded-For", "198.51.100.77")
                .body(Map.of("refreshToken", "hdr_guess")).post("/api/v1/auth/refresh").then(), 429, "rate-limited");
    }

    @Test
    void exemptRoutesAreNeverLimited() {
        for (int i = 0; i < 12; i++) {
            given().get("/api/health").then().statusCode(200);
            given().get("/api/status").then().statusCode(200);
        }
    }

    @Test
    void aRequesterCannotOpenTicketsInQuickSuccession() throws InterruptedException {
        String admin = Api.admin();
        Api.Person customer = Api.person(admin, "customer", null);
        Api.ticket(customer.token(), "First");
        problem(as(customer.token()).body(Map.of("subject", "Second", "description", "again")).post("/api/v1/tickets").then(),
                429, "spam-guard").header("Retry-After", org.hamcrest.Matchers.matchesPattern("[12]"))
                .body("detail", containsString("wait"));
        Api.Person agent = Api.person(admin, "agent", null);
        Api.ticket(agent.token(), "agents are not throttled");
        Api.ticket(agent.token(), "agents are not throttled 2");
        Thread.sleep(2100);
        as(customer.token()).body(Map.of("subject", "Third", "description", "after the cooldown")).post("/api/v1/tickets")
                .then().statusCode(201);
    }
}
