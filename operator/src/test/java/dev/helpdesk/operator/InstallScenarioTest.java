package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.ClusterSimulator;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class InstallScenarioTest {
    @Inject
    KubernetesClient client;

    ClusterSimulator cluster;

    @BeforeEach
    void simulator() {
        cluster = new ClusterSimulator(client).start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Optional<Condition> condition(String ns, String name, String type) {
        HelpDesk hd = client.resources(HelpDesk.class).inNamespace(ns).withName(name).get();
        return hd == null || hd.getStatus() == null ? Optional.empty() : Conditions.find(hd.getStatus().conditions, type);
    }

    @Test
    void minimalSampleReachesReadyWithEveryResource() {
        String ns = "install";
        HelpDesk hd = client.resource(Samples.helpDesk("helpdesk-minimal.yaml", ns)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition(ns, "support", Conditions.READY)).get().extracting(Condition::getStatus).isEqualTo("True"));
        HelpDesk ready = client.resources(HelpDesk.class).inNamespace(ns).withName("support").get();
        assertThat(ready.getStatus().version).isEqualTo("1.0.0");
        assertThat(ready.getStatus().phase).isEqualTo("Ready");
        assertThat(ready.getStatus().schemaVersion).isEqualTo("2");
        assertThat(ready.getStatus().app.ready).isEqualTo("2/2");
        Deployment app = client.apps().deployments().inNamespace(ns).withName("support-app").get();
        assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/helpdesk-dev/helpdesk-app:1.0.0");
        assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("serve");
        assertOwned(app, hd);
    }

    private static void assertOwned(HasMetadata r, HelpDesk hd) {
        assertThat(r.getMetadata().getOwnerReferences()).anySatisfy(o -> {
            assertThat(o.getKind()).isEqualTo("HelpDesk");
            assertThat(o.getName()).isEqualTo(hd.getMetadata().getName());
            assertThat(o.getController()).isTrue();
        });
    }
}
