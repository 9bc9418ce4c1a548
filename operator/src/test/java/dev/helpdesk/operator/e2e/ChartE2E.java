package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart on a real API server: helm-java installs it into this class' namespace (watching
 * only that namespace), then the operator runs with exactly the chart's ServiceAccount and RBAC
 * (a token of that ServiceAccount) and brings the minimal HelpDesk to Ready; nothing it does is
 * forbidden.
 */
class ChartE2E extends E2ESupport {
    private static final Path CHART = Path.of("..", "helm", "helpdesk-operator");

    @Test
    void theChartsServiceAccountAndRbacAreEnoughToRunAHelpDesk() throws Exception {
        Path adminKubeconfig = E2EEnvironment.kubeconfig().orElseThrow();
        // the release is named after the namespace: its cluster-scoped roles must not meet an earlier run's
        new Helm(CHART).install().withName(ns).withNamespace(ns).withKubeConfig(adminKubeconfig)
                .set("watchNamespaces[0]", ns).call();
        try {
            runsAsTheChartsServiceAccount(ns + "-helpdesk-operator");
        } finally {
            Helm.uninstall(ns).withNamespace(ns).withKubeConfig(adminKubeconfig).call();
        }
    }

    private void runsAsTheChartsServiceAccount(String fullName) throws Exception {
        assertThat(client.apps().deployments().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.rbac().clusterRoles().withName(fullName).get()).isNotNull();

        Path kubeconfig = kubeconfigOf(fullName);
        // as the chart's Deployment configures it
        OperatorProcess operator = startOperator("chart-sa", new OperatorProcess.Options().env("KUBECONFIG", kubeconfig.toString())
                .env("WATCH_NAMESPACES", ns).env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESK_NAMESPACES", ns)
                .env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESKBACKUP_NAMESPACES", ns)
                .env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESKRESTORE_NAMESPACES", ns)).awaitStarted();

        installsAndBacksUpWithNothingForbidden(operator, "support-by-chart-operator");
        Files.deleteIfExists(kubeconfig);
    }
}
