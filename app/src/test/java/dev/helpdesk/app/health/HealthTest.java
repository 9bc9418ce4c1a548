package dev.helpdesk.app.health;

import static dev.helpdesk.app.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest extends HelpDeskTest {

    @Test
    void healthReportsEachDependency() {
        given().get("/api/health").then().statusCode(200)
                .body("database", equalTo(true)).body("redis", equalTo(true)).body("storage", equalTo(true))
                .body("timestamp", notNullValue());
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void statusShowsVersionAndSchema() {
        given().get("/api/status").then().statusCode(200)
                .body("version", notNullValue()).body("schemaVersion", equalTo(dev.helpdesk.app.testing.Migrations.latest()))
                .body("expectedSchemaVersion", equalTo(dev.helpdesk.app.testing.Migrations.latest())).body("pendingMigrations", equalTo(0));
    }

    @Test
    void redisOutageTurnsHealth503AndBackWithoutCrashingTheApp() throws Exception {
        Assumptions.assumeTrue(RealServers.redisControllable(), "needs the embedded Redis");
        String agent = Api.person(Api.admin(), "agent", null).token();
        RealServers.stopRedis();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().get("/api/health").then().statusCode(503).body("redis", equalTo(false)).body("database", equalTo(true)));
            // the desk keeps taking tickets while Redis is away (rate limiting fails open)
            Api.ticket(agent, "Created during a Redis outage");
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            RealServers.startRedis();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/health").then().statusCode(200).body("redis", equalTo(true)));
        as(agent).get("/api/v1/tickets").then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeLatencyHistogramsTicketsAndPool() {
        String agent = Api.person(Api.admin(), "agent", null).token();
        Api.ticket(agent, "counted");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket"))
                .body(containsString("helpdesk_tickets_created_total"))
                .body(containsString("agroal_active_count"));
    }

    @Test
    void madeUpPathsCannotBlindTheHttpMetrics() {
        // a scanner's worth of anonymous requests to paths that do not exist, in every method
        for (int i = 0; i < 260; i++) {
            given().get("/api/v1/nothing-" + i).then().statusCode(404);
            given().options("/api/v1/probe-" + i);
            given().delete("/api/v1/tickets/" + (1000 + i)).then().statusCode(405);
        }
        String agent = Api.person(Api.admin(), "agent", null).token();
        long t = Api.ticket(agent, "measured after the scan");
        as(agent).get("/api/v1/tickets/" + t).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> uris = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertThat(uris).contains("/api/v1/tickets/{id}", "/api/v1/tickets", "UNMATCHED")
                .noneMatch(u -> u.contains("nothing-") || u.contains("probe-") || u.matches(".*/\\d+$"));
        assertThat(uris.size()).isLessThan(40);
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/tickets"));
    }
}
