package dev.helpdesk.app.auth;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthApiTest extends HelpDeskTest {

    @Test
    void loginReturnsABearerTokenThatIdentifiesTheUser() {
        given().contentType(ContentType.JSON).body(Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200)
                .body("token", notNullValue()).body("expiresAt", notNullValue()).body("user.role", equalTo("admin"));
        as(Api.admin()).get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(Api.ADMIN_EMAIL));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        problem(given().contentType(ContentType.JSON).body(Map.of("email", Api.ADMIN_EMAIL, "password", "wrong-password"))
                .post("/api/v1/auth/login").then(), 401, "invalid-credentials");
        problem(given().contentType(ContentType.JSON).body(Map.of("email", "nobody@test.example", "password", "wrong-password"))
                .post("/api/v1/auth/login").then(), 401, "invalid-credentials");
    }

    @Test
    void requestsWithoutOrWithBadTokensAre401() {
        problem(given().get("/api/v1/tickets").then(), 401, "unauthorized").header("WWW-Authenticate", startsWith("Bearer"));
        problem(given().header("Authorization", "Bearer not.a.token").get("/api/v1/tickets").then(), 401, "unauthorized");
        problem(given().header("Authorization", "Basic YWJjOmRlZg==").get("/api/v1/tickets").then(), 401, "unauthorized");
        String token = Api.admin();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        problem(given().header("Authorization", "Bearer " + tampered).get("/api/v1/tickets").then(), 401, "unauthorized");
    }

    @Test
    void deactivatedUsersLoseAccessImmediately() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        as(agent.token()).get("/api/v1/tickets").then().statusCode(200);
        as(admin).body(Map.of("active", false)).patch("/api/v1/users/" + agent.id()).then().statusCode(200);
        problem(as(agent.token()).get("/api/v1/tickets").then(), 401, "unauthorized");
    }

    @Test
    void adminsCreateLongLivedApiTokensThatCanBeRevoked() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        var created = as(admin).body(Map.of("name", "CI integration", "userId", agent.id()))
                .post("/api/v1/api-tokens").then().statusCode(201)
                .body("token", startsWith("hdk_")).extract();
        String apiToken = created.path("token");
        long id = created.<Number>path("id").longValue();
        as(apiToken).get("/api/v1/users/me").then().statusCode(200).body("id", equalTo((int) agent.id()));
        as(admin).get("/api/v1/api-tokens").then().statusCode(200).body("find { it.id == " + id + " }.token", equalTo(null));
        problem(as(agent.token()).body(Map.of("name", "mine")).post("/api/v1/api-tokens").then(), 403, "forbidden");
        as(admin).delete("/api/v1/api-tokens/" + id).then().statusCode(204);
        problem(as(apiToken).get("/api/v1/users/me").then(), 401, "unauthorized");
    }
}
