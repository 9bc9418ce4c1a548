package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-HelpDesk gauges the alerts read: Ready with its reason, the phase, and none left for a deleted HelpDesk. */
@QuarkusTest
class OperatorMetricsScenarioTest extends OperatorTest {
    @Inject
    MeterRegistry registry;

    private Gauge gauge(String name, String helpDesk) {
        return registry.find(name).tag("namespace", ns).tag("name", helpDesk).gauge();
    }

    private static HelpDesk annotated(HelpDesk h, String key, String value) {
        java.util.Map<String, String> annotations = new java.util.HashMap<>();
        if (h.getMetadata().getAnnotations() != null) {
            annotations.putAll(h.getMetadata().getAnnotations());
        }
        annotations.put(key, value);
        h.getMetadata().setAnnotations(annotations);
        return h;
    }

    @Test
    void eachHelpDeskHasItsReadinessAndPhaseAndADeletedOneLosesThem() {
        installReady("helpdesk-minimal.yaml");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Gauge ready = gauge("helpdesk.operator.helpdesk.ready", "support");
            assertThat(ready).isNotNull();
            assertThat(ready.value()).isEqualTo(1.0);
            assertThat(ready.getId().getTag("reason")).isEqualTo("AsExpected");
            assertThat(registry.find("helpdesk.operator.helpdesk.phase").tag("namespace", ns).tag("name", "support").tag("phase", "Ready")
                    .gauge().value()).isEqualTo(1.0);
            assertThat(gauge("helpdesk.operator.backup.healthy", "support").value()).isEqualTo(1.0);
        });

        edit("support", h -> annotated(h, "helpdesk.dev/paused", "true"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Gauge ready = gauge("helpdesk.operator.helpdesk.ready", "support");
            assertThat(ready.value()).isZero();
            assertThat(ready.getId().getTag("reason")).isEqualTo("Paused");
        });

        HelpDesk other = Samples.helpDesk("helpdesk-minimal.yaml", ns);
        other.getMetadata().setName("other");
        client.resource(other).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("helpdesk.operator.helpdesk.ready", "other") != null);
        client.resource(get("support")).delete();
        // any reconcile prunes the series of HelpDesks that are gone
        edit("other", h -> annotated(h, "example.com/touched", "1"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gauge("helpdesk.operator.helpdesk.ready", "support")).isNull());
    }
}
