package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the operator owns on a real API server (server-side apply, managed fields): edits by others
 * are reverted with a DriftCorrected Event, while what others legitimately own (a rollout restart,
 * HPA replicas) is left alone, and a HelpDesk at rest costs no write at all. One installation,
 * steps in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnershipE2E extends E2ESupport {
    private static final Duration ONE_RECONCILE = Duration.ofSeconds(20);

    private Deployment app() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get();
    }

    private Deployment worker() {
        return client.apps().deployments().inNamespace(ns).withName("support-worker").get();
    }

    @Test
    @Order(1)
    void installsToReady() {
        startLeadingOperator();
        installMinimalReady();
    }

    @Test
    @Order(2)
    void atRestTheOperatorWritesNothingForAMinute() throws InterruptedException {
        Thread.sleep(10_000); // let the last status and pod changes of the install settle
        Instant from = Instant.now();
        Thread.sleep(60_000);
        // the Lease renewals are leader election's heartbeat, not writes to anything the operator manages
        var writes = audit.operatorWrites(from, Instant.now(), Set.of("leases"));
        assertThat(writes).as("operator writes at rest:\n%s", AuditLog.describe(writes)).isEmpty();
    }

    @Test
    @Order(3)
    void editsToOwnedFieldsAreRevertedAndReported() {
        int driftBefore = eventCount("HelpDesk", "support", "DriftCorrected");
        client.apps().deployments().inNamespace(ns).withName("support-app").edit(d -> {
            d.getSpec().setReplicas(5);
            EnvVar changed = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("HELPDESK_ADMIN_EMAIL")).findFirst().orElseThrow();
            changed.setValueFrom(null);
            changed.setValue("mallory@example.com");
            return d;
        });
        client.apps().deployments().inNamespace(ns).withName("support-worker").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .add(new EnvVarBuilder().withName("ADDED_BY_HAND").withValue("1").build());
            return d;
        });
        client.services().inNamespace(ns).withName("support-app").edit(s -> {
            s.getSpec().getPorts().get(0).setPort(9090);
            return s;
        });
        client.configMaps().inNamespace(ns).withName("support-config").edit(c -> {
            c.getData().put("WORKER_CONCURRENCY", "99");
            c.getData().put("ADDED_BY_HAND", "1");
            return c;
        });

        eventually("every edit reverted", ONE_RECONCILE, () -> {
            assertThat(app().getSpec().getReplicas()).as("app replicas").isEqualTo(2);
            assertThat(app().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .filteredOn(e -> e.getName().equals("HELPDESK_ADMIN_EMAIL")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom()).as("admin email from the Secret again").isNotNull());
            assertThat(worker().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .extracting(EnvVar::getName).doesNotContain("ADDED_BY_HAND");
            assertThat(client.services().inNamespace(ns).withName("support-app").get().getSpec().getPorts())
                    .singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
            var data = client.configMaps().inNamespace(ns).withName("support-config").get().getData();
            assertThat(data).containsEntry("WORKER_CONCURRENCY", "5").doesNotContainKey("ADDED_BY_HAND");
        });
        eventually("DriftCorrected reported", ONE_RECONCILE, () -> {
            assertThat(eventCount("HelpDesk", "support", "DriftCorrected") - driftBefore).isGreaterThanOrEqualTo(4);
            assertThat(events("HelpDesk", "support")).filteredOn(e -> "DriftCorrected".equals(e.getReason()))
                    .extracting(e -> e.getMessage())
                    .anyMatch(m -> m.contains("Deployment support-app") && m.contains(TEST_CLIENT))
                    .anyMatch(m -> m.contains("Service support-app"))
                    .anyMatch(m -> m.contains("ConfigMap support-config"));
        });
    }

    @Test
    @Order(4)
    void aRolloutRestartIsNotReverted() throws InterruptedException {
        String at = Instant.now().toString();
        client.apps().deployments().inNamespace(ns).withName("support-app").edit(d -> {
            var annotations = new HashMap<>(d.getSpec().getTemplate().getMetadata().getAnnotations());
            annotations.put("kubectl.kubernetes.io/restartedAt", at); // what kubectl rollout restart writes
            d.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
            return d;
        });
        touchHelpDesk(); // make sure a reconcile runs after the restart
        Thread.sleep(8_000);
        assertThat(app().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", at);
    }

    @Test
    @Order(5)
    void replicasUnderTheAutoscalerAreNotFoughtOver() throws InterruptedException {
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            var spec = (java.util.Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.put("app", new HashMap<>(java.util.Map.of("autoscaling", java.util.Map.of("enabled", true, "minReplicas", 2, "maxReplicas", 6))));
            return h;
        });
        eventually("HPA created", ONE_RECONCILE, () ->
                assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("support-app").get()).isNotNull());
        Instant from = Instant.now();
        // as the HPA controller would (there is no metrics server here to make it do so)
        client.apps().deployments().inNamespace(ns).withName("support-app").scale(4);
        touchHelpDesk();
        Thread.sleep(10_000);
        assertThat(app().getSpec().getReplicas()).as("the autoscaler's number stays").isEqualTo(4);
        List<AuditEntry> writes = audit.operatorWrites(from, Instant.now(), Set.of("leases", "events"));
        assertThat(writes).as("no write to the app Deployment after the scale:\n%s", AuditLog.describe(writes))
                .noneMatch(w -> "deployments".equals(w.resource()) && "support-app".equals(w.name()));
    }

    /** A metadata change of the HelpDesk: the operator reconciles (it is not generation-aware) without a spec change. */
    private void touchHelpDesk() {
        helpDesks().withName("support").edit(h -> {
            h.getMetadata().setLabels(new HashMap<>(java.util.Map.of("e2e-touch", Long.toString(System.nanoTime()))));
            return h;
        });
    }
}
