package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.SecretKeyRef;
import dev.helpdesk.operator.api.DatabaseSpec;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What happens after install: spec edits, pause, bad references, secret changes, deletion. */
@QuarkusTest
class ChangeScenarioTest extends OperatorTest {

    private Map<String, String> versions() {
        Map<String, String> out = new HashMap<>();
        List<HasMetadata> all = new java.util.ArrayList<>();
        all.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace(ns).list().getItems());
        all.addAll(client.services().inNamespace(ns).list().getItems());
        all.addAll(client.secrets().inNamespace(ns).list().getItems());
        all.addAll(client.configMaps().inNamespace(ns).list().getItems());
        all.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
        for (HasMetadata r : all) {
            out.put(r.getKind() + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion());
        }
        return out;
    }

    @Test
    void scalingTheSpecChangesOnlyReplicas() {
        installReady("helpdesk-minimal.yaml");
        var appBefore = client.apps().deployments().inNamespace(ns).withName("support-app").get();
        Map<String, String> before = versions();
        edit("support", hd -> {
            hd.getSpec().app.replicas = 4;
            return hd;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("support").getStatus().app.ready).isEqualTo("4/4"));
        var appAfter = client.apps().deployments().inNamespace(ns).withName("support-app").get();
        assertThat(appAfter.getSpec().getReplicas()).isEqualTo(4);
        assertThat(appAfter.getSpec().getTemplate()).isEqualTo(appBefore.getSpec().getTemplate());
        Map<String, String> after = versions();
        after.keySet().removeIf(k -> k.equals("Deployment/support-app"));
        before.keySet().removeIf(k -> k.equals("Deployment/support-app"));
        assertThat(after).as("nothing but the app Deployment was written").isEqualTo(before);
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
    }

    @Test
    void aConfigChangeRollsThePodsThroughTheConfigHash() {
        installReady("helpdesk-minimal.yaml");
        String hashBefore = client.apps().deployments().inNamespace(ns).withName("support-app").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/config-hash");
        edit("support", hd -> {
            hd.getSpec().rateLimit.maxRequests = 50;
            return hd;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.configMaps().inNamespace(ns).withName("support-config").get().getData())
                    .containsEntry("RATE_LIMIT_MAX_REQUESTS", "50");
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get()
                    .getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/config-hash")).isNotEqualTo(hashBefore);
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-worker").get()
                    .getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/config-hash")).isNotEqualTo(hashBefore);
        });
    }

    @Test
    void pauseStopsAllChangesAndResumingConverges() throws InterruptedException {
        installReady("helpdesk-minimal.yaml");
        edit("support", hd -> {
            hd.getMetadata().getAnnotations().put(HelpDesk.PAUSED_ANNOTATION, "true");
            return hd;
        });
        Condition paused = awaitCondition("support", Conditions.READY, "False", "Paused");
        assertThat(paused.getMessage()).contains("helpdesk.dev/paused");
        assertThat(get("support").getStatus().phase).isEqualTo("Paused");
        Map<String, String> before = versions();
        edit("support", hd -> {
            hd.getSpec().app.replicas = 5;
            return hd;
        });
        Thread.sleep(1500);
        assertThat(versions()).isEqualTo(before);
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2);
        edit("support", hd -> {
            hd.getMetadata().getAnnotations().remove(HelpDesk.PAUSED_ANNOTATION);
            return hd;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(5));
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
    }

    @Test
    void thePostgresMajorCannotChangeInPlaceAndNothingIsTouched() {
        installReady("helpdesk-minimal.yaml");
        edit("support", h -> {
            h.getSpec().database.managed = new DatabaseSpec.Managed();
            h.getSpec().database.managed.version = "17";
            h.getSpec().app.replicas = 4;
            return h;
        });
        Condition ready = awaitCondition("support", Conditions.READY, "False", "InvalidSpec");
        assertThat(ready.getMessage()).contains("spec.database.managed.version").contains("PostgreSQL 16 and cannot change to 17")
                .contains("back up, create a new HelpDesk");
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).endsWith(":16-alpine");
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas()).isEqualTo(2);

        edit("support", h -> {
            h.getSpec().database.managed.version = "16";
            return h;
        });
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getReplicas() == 4);
    }

    @Test
    void aMissingExternalSecretIsInvalidSpecAndNothingIsCreated() throws InterruptedException {
        HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", ns);
        hd.getSpec().database.external = new DatabaseSpec.External();
        hd.getSpec().database.external.secretRef = new SecretKeyRef("hd-db", "url");
        client.resource(hd).create();
        Condition ready = awaitCondition("support", Conditions.READY, "False", "InvalidSpec");
        assertThat(ready.getMessage()).contains("spec.database.external.secretRef").contains("hd-db").contains("does not exist");
        Thread.sleep(1000);
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("InvalidSpec");
            assertThat(e.getType()).isEqualTo("Warning");
        });

        client.resource(new SecretBuilder().withNewMetadata().withName("hd-db").withNamespace(ns).endMetadata()
                .withStringData(Map.of("url", "mysql://nope")).build()).create();
        // no spec edit: a missing Secret is looked for again every 10 s, and once seen it is watched
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(condition("support", Conditions.READY))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("must hold a postgresql://")));

        client.secrets().inNamespace(ns).withName("hd-db").edit(s -> new SecretBuilder(s).withData(null)
                .withStringData(Map.of("url", "postgresql://helpdesk:pw@db.example:5432/helpdesk")).build());
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get()).as("no managed database").isNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("DATABASE_URL");
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hd-db");
                });
    }

    @Test
    void deletingTheHelpDeskRemovesWhatItOwnsButKeepsTheData() {
        installReady("helpdesk-minimal.yaml");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.persistentVolumeClaims().inNamespace(ns).withName("data-support-postgres-0").get() != null);
        client.resources(HelpDesk.class).inNamespace(ns).withName("support").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
            assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
            assertThat(client.secrets().inNamespace(ns).list().getItems()).isEmpty();
            assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
        });
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-support-postgres-0").get()).as("database volume").isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("support-attachments").get()).as("attachments volume").isNotNull();
    }

    @Test
    void deleteClaimOnRemovalLetsTheDatabaseVolumeGo() {
        HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", ns);
        hd.getSpec().database.managed = new DatabaseSpec.Managed();
        hd.getSpec().database.managed.deleteClaimOnRemoval = true;
        client.resource(hd).create();
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.persistentVolumeClaims().inNamespace(ns).withName("data-support-postgres-0").get() != null);
        client.resources(HelpDesk.class).inNamespace(ns).withName("support").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-support-postgres-0").get()).isNull());
    }
}
