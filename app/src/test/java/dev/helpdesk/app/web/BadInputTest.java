package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each class of bad input gets its documented status and a problem+json naming the field; never a 500. */
@QuarkusTest
class BadInputTest extends HelpDeskTest {
    String agent;

    @BeforeEach
    void login() {
        agent = Api.person(Api.admin(), "agent", null).token();
    }

    private io.restassured.response.ValidatableResponse create(String json) {
        return as(agent).body(json).post("/api/v1/tickets").then();
    }

    @Test
    void unknownFieldIsNamed() {
        problem(create("{\"subject\":\"s\",\"description\":\"d\",\"colour\":\"red\"}"), 400, "validation-error")
                .body("errors[0].field", equalTo("colour")).body("errors[0].message", containsString("not a known field"));
        long t = Api.ticket(agent, "patch target");
        problem(as(agent).body("{\"colour\":\"red\"}").patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void wrongTypesAreNamed() {
        problem(create("{\"subject\":123,\"description\":\"d\"}"), 400, "validation-error").body("errors[0].field", equalTo("subject"));
        problem(create("{\"subject\":\"s\",\"description\":\"d\",\"tags\":\"one\"}"), 400, "validation-error")
                .body("errors[0].field", equalTo("tags"));
        problem(create("{\"subject\":\"s\",\"description\":\"d\",\"assigneeId\":\"seven\"}"), 400, "validation-error")
                .body("errors[0].field", equalTo("assigneeId"));
        long t = Api.ticket(agent, "patch types");
        problem(as(agent).body("{\"priority\":1}").patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("priority"));
        problem(as(agent).body("{\"assigneeId\":true}").patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("assigneeId"));
        problem(as(agent).body("{\"body\":\"x\",\"public\":\"yes\"}").post("/api/v1/tickets/" + t + "/comments").then(),
                400, "validation-error").body("errors[0].field", equalTo("public"));
    }

    @Test
    void overLongStringsAreNamed() {
        String longSubject = "x".repeat(256);
        problem(create("{\"subject\":\"" + longSubject + "\",\"description\":\"d\"}"), 400, "validation-error")
                .body("errors[0].field", equalTo("subject")).body("errors[0].message", containsString("at most 255"));
    }

    @Test
    void badEnumValuesListTheAllowedOnes() {
        problem(create("{\"subject\":\"s\",\"description\":\"d\",\"priority\":\"critical\"}"), 400, "validation-error")
                .body("errors[0].field", equalTo("priority")).body("errors[0].message", containsString("low, normal, high, urgent"));
        long t = Api.ticket(agent, "enum");
        problem(as(agent).body("{\"status\":\"done\"}").patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("status"));
        problem(as(Api.admin()).body("{\"email\":\"a@b.example\",\"name\":\"A\",\"role\":\"boss\"}").post("/api/v1/users").then(),
                400, "validation-error").body("errors[0].field", equalTo("role"));
    }

    @Test
    void everyBrokenValueRuleIsListedAtOnce() {
        String admin = Api.admin();
        problem(as(admin).body(Map.of("email", "not-an-email", "name", " ", "role", "agent", "password", "short"))
                .post("/api/v1/users").then(), 400, "validation-error")
                .body("errors.field", containsInAnyOrder("email", "name", "password"));
        long t = Api.ticket(agent, "many bad values");
        problem(as(agent).body(Map.of("subject", "x".repeat(300), "description", " ", "tags", java.util.List.of("ok", "Not A Tag!")))
                .patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors.field", containsInAnyOrder("subject", "description", "tags[1]"));
    }

    @Test
    void mergePatchNullClearsOnlyFieldsThatMayBeEmpty() {
        long t = Api.ticket(agent, "null fields");
        problem(as(agent).body("{\"subject\":null}").patch("/api/v1/tickets/" + t).then(), 400, "validation-error")
                .body("errors[0].field", equalTo("subject")).body("errors[0].message", equalTo("may not be null"));
        as(agent).body("{\"groupId\":null,\"assigneeId\":null}").patch("/api/v1/tickets/" + t).then().statusCode(200)
                .body("assigneeId", equalTo(null));
    }

    @Test
    void missingRequiredFieldsAreAllListed() {
        problem(create("{}"), 400, "validation-error").body("errors.field", containsInAnyOrder("subject", "description"));
        problem(create("{\"subject\":\"   \",\"description\":\"d\"}"), 400, "validation-error").body("errors[0].field", equalTo("subject"));
    }

    @Test
    void malformedJsonIsA400NotA500() {
        problem(create("{\"subject\": \"s\", "), 400, "malformed-json").body("errors[0].field", equalTo("body"));
        problem(create("not json at all"), 400, "malformed-json");
        problem(create("[1,2,3]"), 400, "malformed-json");
        problem(create("{\"subject\":\"a\",\"description\":\"b\"} trailing"), 400, "malformed-json");
        problem(create("{\"subject\":\"a\",\"subject\":\"b\",\"description\":\"c\"}"), 400, "malformed-json");
        problem(create(""), 400, "validation-error");
    }

    @Test
    void wrongContentTypeMethodAndPathAreProblemsToo() {
        problem(as(agent).contentType("text/plain").body("subject=x").post("/api/v1/tickets").then(), 415, "unsupported-media-type");
        problem(as(agent).delete("/api/v1/tickets/1").then(), 405, "method-not-allowed");
        problem(as(agent).get("/api/v1/nothing-here").then(), 404, "not-found");
        problem(as(agent).get("/api/v1/tickets/abc").then(), 404, "not-found");
        problem(as(agent).get("/api/v1/tickets/999999999").then(), 404, "not-found");
    }

    @Test
    void simultaneousDuplicatesAreAConflictNotAServerError() throws Exception {
        String admin = Api.admin();
        String name = Api.unique("Race");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> as(admin).body(Map.of("name", name)).post("/api/v1/organizations").statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var c : calls) {
                statuses.add(c.get());
            }
            org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void responsesNeverLeakInternals() {
        given().contentType("application/json").header("Authorization", "Bearer " + agent).body("{\"subject\":\"s\",\"description\":\"d\",\"assigneeId\":99999999}")
                .post("/api/v1/tickets").then().statusCode(400).body(not(containsString("SQL"))).body(not(containsString("Exception")))
                .body("errors[0].field", equalTo("assigneeId"));
        problem(as(Api.admin()).body(Map.of("email", Api.ADMIN_EMAIL, "name", "dup", "role", "agent")).post("/api/v1/users").then(),
                409, "email-taken").body(not(containsString("duplicate key")));
    }
}
