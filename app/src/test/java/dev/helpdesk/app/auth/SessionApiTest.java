package dev.helpdesk.app.auth;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login tokens that can be revoked: sessions end on logout, password change and deactivation; refresh tokens rotate. */
@QuarkusTest
class SessionApiTest extends HelpDeskTest {
    String admin;
    Api.Person agent;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null);
    }

    private static JsonPath login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh").then();
    }

    private static void works(String token) {
        as(token).get("/api/v1/users/me").then().statusCode(200);
    }

    private static void revoked(String token) {
        problem(as(token).get("/api/v1/users/me").then(), 401, "unauthorized");
    }

    @Test
    void loginHandsOutAShortLivedAccessTokenAndARefreshToken() {
        JsonPath s = login(agent.email(), "password-123");
        given().contentType(ContentType.JSON).body(Map.of("email", agent.email(), "password", "password-123")).post("/api/v1/auth/login")
                .then().body("token", notNullValue()).body("refreshToken", startsWith("hdr_")).body("refreshExpiresAt", notNullValue());
        java.time.Duration ttl = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(s.getString("expiresAt")));
        org.assertj.core.api.Assertions.assertThat(ttl.toMinutes()).isBetween(13L, 15L);
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenEndsTheSession() {
        JsonPath first = login(agent.email(), "password-123");
        JsonPath second = refresh(first.getString("refreshToken")).statusCode(200).extract().jsonPath();
        works(second.getString("token"));
        works(first.getString("token")); // the access token of the same session stays valid until it expires
        // the first refresh token again: stolen and replayed, or a confused client; either way the session ends
        problem(refresh(first.getString("refreshToken")), 401, "refresh-token-reused");
        revoked(second.getString("token"));
        revoked(first.getString("token"));
        problem(refresh(second.getString("refreshToken")), 401, "invalid-refresh-token");
        problem(refresh("hdr_made-up"), 401, "invalid-refresh-token");
        // other sessions of the user are untouched
        works(login(agent.email(), "password-123").getString("token"));
    }

    @Test
    void logoutEndsOnlyTheCurrentSessionAndLogoutEverywhereEndsAll() {
        JsonPath laptop = login(agent.email(), "password-123");
        JsonPath phone = login(agent.email(), "password-123");
        as(laptop.getString("token")).post("/api/v1/auth/logout").then().statusCode(204);
        revoked(laptop.getString("token"));
        problem(refresh(laptop.getString("refreshToken")), 401, "invalid-refresh-token");
        works(phone.getString("token"));

        JsonPath tablet = login(agent.email(), "password-123");
        as(tablet.getString("token")).post("/api/v1/auth/logout-everywhere").then().statusCode(204);
        revoked(phone.getString("token"));
        revoked(tablet.getString("token"));
        problem(refresh(phone.getString("refreshToken")), 401, "invalid-refresh-token");
    }

    @Test
    void anAdminPasswordResetEndsTheUsersSessions() {
        JsonPath s = login(agent.email(), "password-123");
        as(admin).body(Map.of("password", "brand-new-password")).patch("/api/v1/users/" + agent.id()).then().statusCode(200);
        revoked(s.getString("token"));
        problem(refresh(s.getString("refreshToken")), 401, "invalid-refresh-token");
        works(login(agent.email(), "brand-new-password").getString("token"));
    }

    @Test
    void reactivatingAUserDoesNotReviveOldTokens() {
        JsonPath s = login(agent.email(), "password-123");
        String apiToken = as(admin).body(Map.of("name", "integration", "userId", agent.id())).post("/api/v1/api-tokens")
                .then().statusCode(201).extract().path("token");
        as(admin).body(Map.of("active", false)).patch("/api/v1/users/" + agent.id()).then().statusCode(200);
        as(admin).body(Map.of("active", true)).patch("/api/v1/users/" + agent.id()).then().statusCode(200);
        revoked(s.getString("token"));
        revoked(apiToken);
        problem(refresh(s.getString("refreshToken")), 401, "invalid-refresh-token");
        works(login(agent.email(), "password-123").getString("token"));
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheOldOne() {
        JsonPath other = login(agent.email(), "password-123");
        problem(as(agent.token()).body(Map.of("currentPassword", "not-it-at-all", "newPassword", "next-password-1"))
                .post("/api/v1/users/me/password").then(), 403, "forbidden").body("errors[0].field", equalTo("currentPassword"));
        works(agent.token());
        JsonPath fresh = as(agent.token()).body(Map.of("currentPassword", "password-123", "newPassword", "next-password-1"))
                .post("/api/v1/users/me/password").then().statusCode(200).body("user.id", equalTo((int) agent.id()))
                .extract().jsonPath();
        works(fresh.getString("token"));
        revoked(agent.token());
        revoked(other.getString("token"));
        problem(given().contentType(ContentType.JSON).body(Map.of("email", agent.email(), "password", "password-123"))
                .post("/api/v1/auth/login").then(), 401, "invalid-credentials");
        works(login(agent.email(), "next-password-1").getString("token"));
    }

    @Test
    void passwordsLongerThan72BytesAreRefusedBecauseBcryptWouldCutThem() {
        String euros = "€".repeat(25); // 25 characters, 75 bytes
        problem(as(admin).body(Map.of("email", Api.unique("long") + "@test.example", "name", "Long", "role", "agent", "password", euros))
                .post("/api/v1/users").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("password")).body("errors[0].message", containsString("72 bytes"));
        problem(as(admin).body(Map.of("password", euros)).patch("/api/v1/users/" + agent.id()).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("password"));
        problem(as(agent.token()).body(Map.of("currentPassword", "password-123", "newPassword", euros))
                .post("/api/v1/users/me/password").then(), 400, "validation-error").body("errors[0].field", equalTo("newPassword"));
        as(admin).body(Map.of("password", "€".repeat(24))).patch("/api/v1/users/" + agent.id()).then().statusCode(200); // 72 bytes fit
    }

    @Test
    void apiTokensHaveNoSessionToLogOut() {
        String apiToken = as(admin).body(Map.of("name", "bot")).post("/api/v1/api-tokens").then().statusCode(201).extract().path("token");
        problem(as(apiToken).post("/api/v1/auth/logout").then(), 400, "validation-error");
        works(apiToken);
    }
}
