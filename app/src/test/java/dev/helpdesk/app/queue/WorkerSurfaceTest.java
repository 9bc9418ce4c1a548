package dev.helpdesk.app.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's port is scraped for metrics and probed; it must not serve the API (logins, tickets) beside the app. */
@QuarkusTest
@TestProfile(WorkerSurfaceTest.AsWorker.class)
class WorkerSurfaceTest {
    public static class AsWorker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WorkerRole.class), new TestResourceEntry(RealServers.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** As Main sets it for {@code helpdesk worker}, for this application start only. */
    public static class WorkerRole implements QuarkusTestResourceLifecycleManager {
        private String before;

        @Override
        public Map<String, String> start() {
            before = System.getProperty(JobRoles.PROPERTY);
            System.setProperty(JobRoles.PROPERTY, "worker");
            return Map.of();
        }

        @Override
        public void stop() {
            if (before == null) {
                System.clearProperty(JobRoles.PROPERTY);
            } else {
                System.setProperty(JobRoles.PROPERTY, before);
            }
        }
    }

    @Test
    void theWorkerAnswersItsProbeAndMetricsButNotTheApi() {
        given().get("/health").then().statusCode(200).body("status", equalTo("healthy"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("helpdesk_jobs_processed_total"))
                .body(containsString("helpdesk_jobs_waiting ")).body(containsString("helpdesk_jobs_dead_letter "));
        given().contentType("application/json").body("{\"email\":\"a@example.com\",\"password\":\"whatever-long\"}")
                .post("/api/v1/auth/login").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("the worker serves only /health"));
        given().get("/api/v1/tickets").then().statusCode(404);
        given().get("/api/health").then().statusCode(404);
    }
}
