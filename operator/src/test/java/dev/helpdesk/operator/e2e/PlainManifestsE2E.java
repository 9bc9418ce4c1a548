package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain install (docs/install.md, "Inside the cluster"): the generated
 * target/kubernetes/kubernetes.yml applies as it is to a real API server, and the operator,
 * running with its ServiceAccount, RBAC and environment, brings a HelpDesk to Ready and backs it
 * up, with nothing forbidden.
 */
class PlainManifestsE2E extends E2ESupport {
    private static final String NAMESPACE = "helpdesk-system";

    @Test
    void theGeneratedManifestsInstallAnOperatorThatRunsAHelpDesk() throws Exception {
        boolean created = client.namespaces().withName(NAMESPACE).get() == null;
        if (created) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        }
        List<HasMetadata> manifests;
        try (InputStream in = Files.newInputStream(Path.of("target", "kubernetes", "kubernetes.yml"))) {
            manifests = client.load(in).items();
        }
        try {
            for (HasMetadata m : manifests) {
                client.resource(m).forceConflicts().serverSideApply();
            }
            Deployment deployment = (Deployment) manifests.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            OperatorProcess operator = startOperatorAs("plain-sa", deployment.getSpec().getTemplate().getSpec(), NAMESPACE,
                    Map.of("metadata.namespace", NAMESPACE, "metadata.name", "plain-sa"));
            installsAndBacksUpWithNothingForbidden(operator, "support-by-plain-operator");
        } finally {
            for (HasMetadata m : manifests) {
                client.resource(m).delete();
            }
            if (created) {
                client.namespaces().withName(NAMESPACE).delete();
            }
        }
    }
}
