package dev.helpdesk.app.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Self-registration is off unless SELF_REGISTRATION_ENABLED=true: no link, no page, and the API refuses. */
@QuarkusTest
@TestProfile(SignUpOffTest.Default.class)
class SignUpOffTest extends HelpDeskTest {
    public static class Default implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SELF_REGISTRATION_ENABLED", "false");
        }
    }

    @Test
    void nobodySignsUpWhenItIsOff() {
        WebClient browser = new WebClient();
        assertThat(browser.get("/login").asString()).doesNotContain("href=\"/register\"").contains("href=\"/forgot-password\"");
        assertThat(browser.get("/register").statusCode()).isEqualTo(404);
        String email = Api.unique("nope") + "@test.example";
        Api.problem(given().contentType("application/json").body(Map.of("email", email, "name", "N", "password", "a long passphrase"))
                .post("/api/v1/auth/register").then(), 403, "forbidden");
        Api.as(Api.admin()).queryParam("q", email).get("/api/v1/users").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));
    }
}
