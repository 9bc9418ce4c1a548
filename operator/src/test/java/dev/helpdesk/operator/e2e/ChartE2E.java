package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
            runsAsTheChartsServiceAccount(adminKubeconfig, ns + "-helpdesk-operator");
        } finally {
            Helm.uninstall(ns).withNamespace(ns).withKubeConfig(adminKubeconfig).call();
        }
    }

    private void runsAsTheChartsServiceAccount(Path adminKubeconfig, String fullName) throws Exception {
        assertThat(client.apps().deployments().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(ns).withName(fullName).get()).isNotNull();
        assertThat(client.rbac().clusterRoles().withName(fullName).get()).isNotNull();

        // the operator as that ServiceAccount: a kubeconfig with its token and nothing else
        String token = client.serviceAccounts().inNamespace(ns).withName(fullName)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build()).getStatus().getToken();
        Config admin = Config.fromKubeconfig(adminKubeconfig.toFile());
        String ca = admin.getCaCertData() != null ? admin.getCaCertData()
                : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(admin.getCaCertFile())));
        Path kubeconfig = Files.createTempFile("chart-sa-", ".kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: e2e, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                users: [{name: operator, user: {token: "%s"}}]
                contexts: [{name: operator, context: {cluster: e2e, user: operator, namespace: "%s"}}]
                current-context: operator
                """.formatted(admin.getMasterUrl(), ca, token, ns));
        // as the chart's Deployment configures it
        OperatorProcess operator = startOperator("chart-sa", new OperatorProcess.Options().env("KUBECONFIG", kubeconfig.toString())
                .env("WATCH_NAMESPACES", ns).env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESK_NAMESPACES", ns)
                .env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESKBACKUP_NAMESPACES", ns)
                .env("QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESKRESTORE_NAMESPACES", ns)).awaitStarted();

        installMinimalReady();
        apply("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDeskBackup
                metadata: {name: support-by-chart-operator}
                spec: {helpDeskRef: {name: support}, reason: manual}
                """);
        eventually("backup taken", java.time.Duration.ofMinutes(1), () -> assertThat((Object) client.genericKubernetesResources(
                HELPDESK_API_VERSION, "HelpDeskBackup").inNamespace(ns).withName("support-by-chart-operator").get().get("status", "phase"))
                .isEqualTo("Succeeded"));
        assertThat(operator.logText().toLowerCase()).as("nothing the operator did was refused").doesNotContain("forbidden");
        Files.deleteIfExists(kubeconfig);
    }
}
