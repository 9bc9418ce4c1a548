package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** samples/helpdesk-production.yaml: external data services, autoscaling, TLS ingress, email, S3, monitoring. */
@QuarkusTest
class ProductionScenarioTest extends OperatorTest {

    private void secret(String name, Map<String, String> data) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withStringData(data).build()).create();
    }

    private void prometheusOperatorCrd(String kind, String plural) {
        var crd = new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".monitoring.coreos.com").endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
        if (client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null) {
            client.resource(crd).create();
        }
    }

    @Test
    void productionSampleGetsItsOptionalPartsAndNoManagedDataServices() {
        prometheusOperatorCrd("ServiceMonitor", "servicemonitors");
        prometheusOperatorCrd("PrometheusRule", "prometheusrules");
        secret("hd-db", Map.of("url", "postgresql://helpdesk:pw@db.internal:5432/helpdesk?sslmode=require"));
        secret("hd-redis", Map.of("url", "rediss://:pw@redis.internal:6380"));
        secret("hd-smtp", Map.of("username", "mailer", "password", "secret"));
        secret("hd-s3", Map.of("accessKey", "AKIA", "secretKey", "s3cr3t"));

        var hd = installReady("helpdesk-production.yaml");
        assertThat(hd.getStatus().app.ready).isEqualTo("3/3");
        assertThat(Conditions.find(hd.getStatus().conditions, Conditions.DATABASE_READY).orElseThrow().getReason()).isEqualTo("External");

        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).as("no managed PostgreSQL").isEmpty();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-redis").get()).as("no managed Redis").isNull();
        assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems()).as("attachments go to S3").isEmpty();
        assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).isEmpty();

        var app = client.apps().deployments().inNamespace(ns).withName("support-app").get();
        assertThat(app.getSpec().getReplicas()).as("as the HPA set it; the operator leaves replicas alone").isEqualTo(3);
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("support-app").get();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName() + "=" + m.getResource().getTarget().getAverageUtilization())
                .containsExactly("cpu=65", "memory=80");
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("support-app").get()).isNotNull();

        var ingress = client.network().v1().ingresses().inNamespace(ns).withName("support-app").get();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("support.example.com");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("support-example-com-tls");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");

        var container = app.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("SMTP_USER", "SMTP_PASSWORD", "STORAGE_S3_ACCESS_KEY", "STORAGE_S3_SECRET_KEY")
                .doesNotContain("DATABASE_PASSWORD", "REDIS_PASSWORD");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("REDIS_URL")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hd-redis"));
        assertThat(client.configMaps().inNamespace(ns).withName("support-config").get().getData())
                .containsEntry("STORAGE_TYPE", "s3").containsEntry("STORAGE_S3_BUCKET", "example-helpdesk-attachments")
                .containsEntry("EMAIL_ENABLED", "true").containsEntry("SMTP_HOST", "smtp.example.com")
                .containsEntry("ATTACH_MAX_BYTES", "52428800").doesNotContainKey("STORAGE_PATH")
                // links and Location headers point where users are; the ingress's X-Forwarded-For is believed
                .containsEntry("HELPDESK_PUBLIC_URL", "https://support.example.com").containsEntry("HTTP_TRUSTED_PROXIES", "10.0.0.0/8");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(app.getSpec().getTemplate().getSpec().getAffinity()).as("S3: no volume to stay next to").isNull();
        var workerService = client.services().inNamespace(ns).withName("support-worker").get();
        assertThat(workerService.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getPort()).isEqualTo(8081);
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client
                .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace(ns).withName("support-app").get())
                .isNotNull());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var rule = client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule").inNamespace(ns).withName("support-alerts").get();
            assertThat(rule).as("spec.monitoring.prometheusRule of the production sample").isNotNull();
            List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
            assertThat(rules).extracting(r -> r.get("alert")).containsExactly("HelpDeskDown", "HelpDeskDegraded", "MigrationFailed",
                    "BackupMissing", "SLABreachRateHigh", "QueueBacklog", "DeadLetterQueueNotEmpty", "OperatorReconcileErrors");
            assertThat(rules).extracting(r -> (String) r.get("expr")).allMatch(e -> e.contains("namespace=\"" + ns + "\""));
            assertThat(rule.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("support"));
        });

        // a config change under autoscaling keeps the HPA's replica count
        edit("support", h -> {
            h.getSpec().spamGuard.cooldownMs = 5000L;
            return h;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.configMaps().inNamespace(ns)
                .withName("support-config").get().getData()).containsEntry("SPAM_GUARD_COOLDOWN_MS", "5000"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(ns)
                .withName("support-app").get().getSpec().getReplicas()).isEqualTo(3));
    }

    @Test
    void changingAReferencedSecretRollsThePods() {
        secret("hd-db", Map.of("url", "postgresql://helpdesk:one@db.internal:5432/helpdesk"));
        var hd = dev.helpdesk.operator.testing.Samples.helpDesk("helpdesk-minimal.yaml", ns);
        hd.getSpec().database.external = new dev.helpdesk.operator.api.DatabaseSpec.External();
        hd.getSpec().database.external.secretRef = new dev.helpdesk.operator.api.SecretKeyRef("hd-db", null);
        client.resource(hd).create();
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        String before = client.apps().deployments().inNamespace(ns).withName("support-app").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/config-hash");
        client.secrets().inNamespace(ns).withName("hd-db").edit(s -> new SecretBuilder(s).withData(null)
                .withStringData(Map.of("url", "postgresql://helpdesk:two@db.internal:5432/helpdesk")).build());
        // referenced Secrets are not owned, so the change is seen on the next reconcile (periodic, or any event)
        edit("support", h -> {
            h.getMetadata().getAnnotations().put("example.com/nudge", "1");
            return h;
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(ns)
                .withName("support-app").get().getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/config-hash"))
                .isNotEqualTo(before));
    }
}
