package dev.helpdesk.app.abuse;

import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins lock an account from an address, an account, or an address, for a window that
 * ends; successes never count. The test client stands behind a trusted proxy (127.0.0.1), so its
 * X-Forwarded-For plays the client's address.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.Limits.class)
class LoginThrottleTest extends HelpDeskTest {
    /** The window is long enough for eight failed logins (each hashes a password) on a loaded CI machine. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("LOGIN_MAX_FAILURES", "3", "LOGIN_MAX_FAILURES_PER_ACCOUNT", "5", "LOGIN_MAX_FAILURES_PER_ADDRESS", "8",
                    "LOGIN_LOCKOUT_SECONDS", "8", "HTTP_TRUSTED_PROXIES", "127.0.0.1,::1");
        }
    }

    Api.Person agent;

    @BeforeEach
    void person() {
        agent = Api.person(Api.admin(), "agent", null);
    }

    private static ValidatableResponse login(String from, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.250, " + from)
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login").then();
    }

    @Test
    void typosLockTheAccountOnlyFromThatAddressAndTheLockEnds() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            problem(login("10.1.0.1", agent.email(), "wrong"), 401, "invalid-credentials");
        }
        problem(login("10.1.0.1", agent.email(), "password-123"), 429, "login-locked")
                .header("Retry-After", matchesPattern("[1-8]"));
        login("10.1.0.2", agent.email(), "password-123").statusCode(200); // the same person at another desk
        Thread.sleep(8_200);
        login("10.1.0.1", agent.email(), "password-123").statusCode(200);
    }

    @Test
    void successfulLoginsAreNeverCounted() {
        for (int i = 0; i < 25; i++) {
            login("10.2.0.1", agent.email(), "password-123").statusCode(200);
        }
    }

    @Test
    void guessingManyAccountsFromOneAddressLocksThatAddress() {
        for (int i = 0; i < 8; i++) {
            problem(login("10.3.0.1", Api.unique("nobody") + "@test.example", "wrong"), 401, "invalid-credentials");
        }
        problem(login("10.3.0.1", agent.email(), "password-123"), 429, "login-locked");
        login("10.3.0.2", agent.email(), "password-123").statusCode(200);
    }

    @Test
    void guessingOneAccountFromManyAddressesLocksThatAccount() {
        for (int i = 0; i < 5; i++) {
            problem(login("10.4.0." + (i + 1), agent.email(), "wrong"), 401, "invalid-credentials");
        }
        problem(login("10.4.0.99", agent.email(), "password-123"), 429, "login-locked");
        Api.Person other = Api.person(Api.admin(), "agent", null);
        login("10.4.0.99", other.email(), "password-123").statusCode(200);
    }

    @Test
    void aWrongCurrentPasswordOnPasswordChangeCountsAsAFailedLogin() {
        for (int i = 0; i < 3; i++) {
            problem(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + agent.token())
                    .header("X-Forwarded-For", "10.5.0.1").body(Map.of("currentPassword", "guess-" + i, "newPassword", "whatever-123"))
                    .post("/api/v1/users/me/password").then(), 403, "forbidden");
        }
        problem(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + agent.token())
                .header("X-Forwarded-For", "10.5.0.1").body(Map.of("currentPassword", "password-123", "newPassword", "whatever-123"))
                .post("/api/v1/users/me/password").then(), 429, "login-locked");
    }
}
