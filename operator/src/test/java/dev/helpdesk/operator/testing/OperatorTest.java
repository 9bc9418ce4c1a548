package dev.helpdesk.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of operator scenarios: the mock API server in CRUD mode with the CRD applied, and the cluster simulator. */
@WithKubernetesTestServer(crud = true)
public abstract class OperatorTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @Inject
    protected KubernetesClient client;

    protected ClusterSimulator cluster;
    protected String ns;

    @BeforeEach
    void startSimulator() {
        cluster = new ClusterSimulator(client).start();
        ns = getClass().getSimpleName().toLowerCase().replace("test", "") + "-" + NAMESPACES.incrementAndGet();
    }

    @AfterEach
    void stopSimulator() {
        cluster.close();
    }

    protected HelpDesk get(String name) {
        return client.resources(HelpDesk.class).inNamespace(ns).withName(name).get();
    }

    /**
     * Changes a HelpDesk as a user does (read, change, write), retrying when the write loses to one
     * of the operator's status writes (409), as kubectl edit would ask the user to.
     */
    protected HelpDesk edit(String name, java.util.function.UnaryOperator<HelpDesk> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(HelpDesk.class).inNamespace(ns).withName(name).edit(change);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    protected Optional<Condition> condition(String name, String type) {
        HelpDesk hd = get(name);
        return hd == null || hd.getStatus() == null ? Optional.empty() : Conditions.find(hd.getStatus().conditions, type);
    }

    protected Condition awaitCondition(String name, String type, String status, String reason) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(condition(name, type)).as(type + " of " + name).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo(status);
                    assertThat(c.getReason()).isEqualTo(reason);
                }));
        return condition(name, type).orElseThrow();
    }

    protected HelpDesk install(String sample) {
        return client.resource(Samples.helpDesk(sample, ns)).create();
    }

    protected HelpDesk installReady(String sample) {
        HelpDesk hd = install(sample);
        awaitCondition(hd.getMetadata().getName(), Conditions.READY, "True", "AsExpected");
        return get(hd.getMetadata().getName());
    }
}
