package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRD's schema and CEL rules, as the real API server applies them (the feature gate is on in the shared setup). */
class CrdRulesE2E extends E2ESupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "both databases   | {version: 1.0.0, database: {managed: {}, external: {secretRef: {name: db}}}} | database: set exactly one of managed or external, not both",
        "both redis       | {version: 1.0.0, redis: {managed: {}, external: {secretRef: {name: r}}}}      | redis: set exactly one of managed or external, not both",
        "autoscaling      | {version: 1.0.0, app: {autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}}} | autoscaling.minReplicas must not exceed autoscaling.maxReplicas",
        "ingress host     | {version: 1.0.0, ingress: {enabled: true}}                                   | ingress: host is required when enabled",
        "email            | {version: 1.0.0, email: {enabled: true}}                                     | email: when enabled, from and smtp.host are required",
        "s3 endpoint      | {version: 1.0.0, attachments: {storage: {s3: {bucket: b}}}}                  | attachments.storage.s3: endpoint is required when a bucket is set",
        "version          | {version: '1.0'}                                                             | spec.version",
        "postgres major   | {version: 1.0.0, database: {managed: {version: '12'}}}                       | spec.database.managed.version",
        "access mode      | {version: 1.0.0, attachments: {storage: {pvc: {accessMode: ReadOnlyMany}}}}   | spec.attachments.storage.pvc.accessMode",
        "trusted proxy    | {version: 1.0.0, app: {trustedProxies: ['not an address']}}                 | spec.app.trustedProxies",
    })
    void theApiServerRefusesABadSpecWithTheRulesMessage(String name, String spec, String message) {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> applyHelpDesk(
                "apiVersion: helpdesk.dev/v1alpha1\nkind: HelpDesk\nmetadata: {name: bad}\nspec: " + spec));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains(message);
    }
}
