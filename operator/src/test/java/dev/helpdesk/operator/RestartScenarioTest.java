package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.reconciler.HelpDeskReconciler;
import dev.helpdesk.operator.status.AppHealthProbe;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An operator restarted in the middle of an install picks up where it was and duplicates
 * nothing. The restart is a new Operator with empty caches, as a new process would have; the
 * profile gives this test its own application, since the stopped one cannot be started again.
 */
@QuarkusTest
@TestProfile(RestartScenarioTest.OwnApplication.class)
class RestartScenarioTest extends OperatorTest {
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helpdesk.test.profile", "restart");
        }
    }

    @Inject
    Operator operator;

    @Inject
    AppHealthProbe health;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Test
    void restartMidInstallResumesWithoutDuplicatesOrNewSecrets() {
        cluster.hold(true);
        try {
            install("helpdesk-minimal.yaml");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get() != null);
            String signingKey = client.secrets().inNamespace(ns).withName("support-secrets").get().getData().get("signing-key");
            String adminPassword = client.secrets().inNamespace(ns).withName("support-admin").get().getData().get("password");

            operator.stop();
            cluster.hold(false); // the cluster moves on while the operator is away
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var st = client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get();
                return st.getStatus() != null && Integer.valueOf(1).equals(st.getStatus().getReadyReplicas());
            });
            Operator restarted = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false));
            restarted.register(new HelpDeskReconciler(client, health, metrics, new dev.helpdesk.operator.lifecycle.OperatorClock()));
            restarted.start();
            try {
                awaitCondition("support", Conditions.READY, "True", "AsExpected");
            } finally {
                restarted.stop();
            }
            assertThat(client.secrets().inNamespace(ns).withName("support-secrets").get().getData().get("signing-key")).isEqualTo(signingKey);
            assertThat(client.secrets().inNamespace(ns).withName("support-admin").get().getData().get("password")).isEqualTo(adminPassword);
            assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).hasSize(1);
            assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).hasSize(2);
            assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).hasSize(2);
            assertThat(client.secrets().inNamespace(ns).list().getItems()).hasSize(2);
        } finally {
            cluster.hold(false);
        }
    }
}
