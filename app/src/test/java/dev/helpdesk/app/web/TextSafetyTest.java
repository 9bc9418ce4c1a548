package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text that PostgreSQL cannot store (NUL) or that is not text at all (an unpaired UTF-16
 * surrogate) is refused with a 400 naming the field, wherever it arrives: body, key, query.
 */
@QuarkusTest
class TextSafetyTest extends HelpDeskTest {
    private static final String NUL = "\\u0000";
    private static final String LONE_SURROGATE = "\\ud800";
    String agent;
    long ticket;

    @BeforeEach
    void setUp() {
        agent = Api.person(Api.admin(), "agent", null).token();
        ticket = Api.ticket(agent, "text safety");
    }

    @Test
    void nulInAnyJsonStringIsA400NamingTheField() {
        problem(as(agent).body("{\"subject\":\"a" + NUL + "b\",\"description\":\"d\"}").post("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("subject")).body("errors[0].message", containsString("NUL"));
        problem(as(agent).body("{\"subject\":\"s\",\"description\":\"" + NUL + "\"}").post("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("description"));
        problem(as(agent).body("{\"subject\":\"s\",\"description\":\"d\",\"tags\":[\"ok\",\"x" + NUL + "\"]}").post("/api/v1/tickets").then(),
                400, "validation-error").body("errors[0].field", equalTo("tags[1]"));
        problem(as(agent).body("{\"body\":\"hello" + NUL + "\"}").post("/api/v1/tickets/" + ticket + "/comments").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("body"));
        problem(as(agent).body("{\"description\":\"" + NUL + "\"}").patch("/api/v1/tickets/" + ticket).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("description"));
        problem(given().contentType("application/json").body("{\"email\":\"a" + NUL + "@example.com\",\"password\":\"whatever1\"}")
                .post("/api/v1/auth/login").then(), 400, "validation-error").body("errors[0].field", equalTo("email"));
    }

    @Test
    void anUnpairedSurrogateIsRefusedInsteadOfStoredAsAQuestionMark() {
        problem(as(agent).body("{\"subject\":\"a" + LONE_SURROGATE + "b\",\"description\":\"d\"}").post("/api/v1/tickets").then(),
                400, "validation-error").body("errors[0].field", equalTo("subject")).body("errors[0].message", containsString("surrogate"));
        problem(as(agent).body("{\"subject\":\"\\udc00\"}").patch("/api/v1/tickets/" + ticket).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("subject"));
        // a proper pair (an emoji) is text and is kept as it was sent
        as(agent).body("{\"subject\":\"ok \\ud83d\\ude00\"}").patch("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("subject", equalTo("ok \uD83D\uDE00"));
    }

    @Test
    void objectKeysAndQueryParametersAreCheckedToo() {
        problem(as(Api.admin()).body("{\"name\":\"p\",\"targets\":{\"hi" + NUL + "\":{}}}").post("/api/v1/sla-policies").then(), 400,
                "validation-error");
        problem(as(agent).queryParam("q", "printer\u0000").get("/api/v1/tickets").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("q"));
        problem(as(agent).urlEncodingEnabled(false).get("/api/v1/users?q=a%00b").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void errorsNeverEchoClassNames() {
        problem(as(agent).body("{\"subject\":{\"nested\":1},\"description\":\"d\"}").post("/api/v1/tickets").then(), 400, "validation-error")
                .body(org.hamcrest.Matchers.not(containsString("dev.helpdesk"))).body(org.hamcrest.Matchers.not(containsString("java.")));
        problem(as(Api.admin()).body("{\"name\":\"c\",\"timeZone\":\"UTC\",\"windows\":[{\"day\":\"monday\",\"start\":\"09:00\",\"end\":\"17:00\"}],"
                + "\"holidays\":[\"2026-02-30\"]}").post("/api/v1/business-calendars").then(), 400, "validation-error")
                .body("errors[0].field", equalTo("holidays[0]"))
                .body(org.hamcrest.Matchers.not(containsString("java."))).body(org.hamcrest.Matchers.not(containsString("Exception")));
    }
}
