package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Secret the spec references (here an external database's URL) is watched: rotated, the pods roll; deleted, Ready turns False. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferencedSecretE2E extends E2ESupport {
    private static final Duration SHORT = Duration.ofSeconds(60);

    private void database(String url) {
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("support-db").endMetadata()
                .withStringData(Map.of("url", url)).build()).createOr(s -> s.update());
    }

    private String secretsHash() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get("helpdesk.dev/secrets-hash");
    }

    @Test
    @Order(1)
    void installsWithAnExternalDatabase() {
        startLeadingOperator();
        database("postgresql://helpdesk:first@db.example:5432/helpdesk");
        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec:
                  version: "1.0.0"
                  database: {external: {secretRef: {name: support-db}}}
                """);
        awaitReady("support");
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get()).isNull();
    }

    @Test
    @Order(2)
    void aRotatedPasswordRollsTheAppPods() {
        String before = secretsHash();
        database("postgresql://helpdesk:rotated@db.example:5432/helpdesk");
        eventually("new hash on the pod template", SHORT, () -> assertThat(secretsHash()).isNotEqualTo(before));
        eventually("reported", SHORT, () -> assertThat(eventCount("HelpDesk", "support", "ReferencedSecretChanged")).isPositive());
        awaitReady("support");
    }

    @Test
    @Order(3)
    void aDeletedSecretTurnsReadyFalseAndItsReturnTrue() {
        client.secrets().inNamespace(ns).withName("support-db").delete();
        eventually("Ready False naming the Secret", SHORT, () -> assertThat(condition("support", "Ready")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("False");
            assertThat(c.reason()).isEqualTo("InvalidSpec");
            assertThat(c.message()).contains("spec.database.external.secretRef").contains("support-db").contains("does not exist");
        }));
        database("postgresql://helpdesk:rotated@db.example:5432/helpdesk");
        awaitCondition("support", "Ready", "True", SHORT);
    }
}
