package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.testing.OperatorTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A reconcile with nothing to do writes nothing: no status patch, no resource update, no event. */
@QuarkusTest
class SteadyStateTest extends OperatorTest {
    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MeterRegistry metrics;

    private List<String> drainRequests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    private double reconciliations() {
        var counter = metrics.find("helpdesk.operator.reconciles").tag("namespace", ns).tag("name", "support").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSecondReconcileWithoutChangesWritesNothing() throws InterruptedException {
        installReady("helpdesk-minimal.yaml");
        Thread.sleep(1500); // let the install's last events settle
        drainRequests();
        double before = reconciliations();

        // touching metadata wakes the reconciler without changing the spec
        edit("support", hd -> {
            hd.getMetadata().getAnnotations().put("example.com/touched", "1");
            return hd;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> reconciliations() > before);
        Thread.sleep(1000);
        List<String> writes = drainRequests().stream().filter(r -> !r.startsWith("GET")).toList();
        assertThat(writes).as("only the test's own edit").hasSize(1)
                .allSatisfy(w -> assertThat(w).contains("/helpdesks/support"));
    }
}
