package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.build.OlmBundle;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.ClusterServiceVersion;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.StrategyDeploymentPermissions;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.StrategyDetailsDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OLM bundle on a real API server, with this test playing OLM's part for an OperatorGroup
 * that targets this namespace (OwnNamespace): the CSV's ServiceAccount and cluster permissions
 * become a ClusterRole and binding, its Deployment is accepted by the API server with
 * olm.targetNamespaces on the pod, and the operator runs with exactly that ServiceAccount and the
 * environment the kubelet would give it, to a Ready HelpDesk and a backup, with nothing forbidden.
 */
class BundleE2E extends E2ESupport {
    private static final String TARGET_NAMESPACES = "metadata.annotations['olm.targetNamespaces']";

    @Test
    void theCsvsPermissionsDeploymentAndInstallModeRunAHelpDesk() throws Exception {
        ClusterServiceVersion csv = Serialization.unmarshal(Files.readString(Path.of("..", "bundle").resolve(OlmBundle.CSV)),
                ClusterServiceVersion.class);
        StrategyDetailsDeployment install = csv.getSpec().getInstall().getSpec();
        assertThat(install.getPermissions()).as("everything is in clusterPermissions").isNullOrEmpty();
        StrategyDeploymentPermissions permissions = install.getClusterPermissions().get(0);
        String serviceAccount = permissions.getServiceAccountName();
        String role = ns + "-" + serviceAccount;

        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount)
                .endMetadata().build()).create();
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
                .withRules(permissions.getRules()).build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(ns).endSubject().build()).create();
        try {
            var spec = install.getDeployments().get(0).getSpec();
            Deployment deployment = client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                    .withNewMetadata().withName(install.getDeployments().get(0).getName()).endMetadata()
                    .withSpec(spec).editSpec().withReplicas(0) // validated by the API server; the operator runs below, as a process
                    .editTemplate().editMetadata().addToAnnotations("olm.targetNamespaces", ns).endMetadata().endTemplate().endSpec()
                    .build()).create();
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(serviceAccount);

            assertThat(spec.getTemplate().getSpec().getContainers().get(0).getEnv()).filteredOn(e -> e.getValueFrom() != null)
                    .filteredOn(e -> TARGET_NAMESPACES.equals(e.getValueFrom().getFieldRef().getFieldPath())).hasSize(3);
            OperatorProcess operator = startOperatorAs("olm-sa", spec.getTemplate().getSpec(), ns,
                    Map.of(TARGET_NAMESPACES, ns, "metadata.namespace", ns, "metadata.name", "olm-sa"));
            installsAndBacksUpWithNothingForbidden(operator, "support-by-olm-operator");
        } finally {
            client.rbac().clusterRoleBindings().withName(role).delete();
            client.rbac().clusterRoles().withName(role).delete();
        }
    }
}
