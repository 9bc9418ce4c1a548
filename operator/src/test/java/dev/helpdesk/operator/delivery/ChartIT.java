package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.helpdesk.operator.dependent.PrometheusRuleRunbookTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * helm/helpdesk-operator through real helm (helm-java): lint, templates for default and
 * production values, bad values refused by values.schema.json naming the value, RBAC equal to what
 * the build generates (target/kubernetes, hence an IT: it exists after the package phase), and
 * the chart's CRDs identical to crds/.
 */
class ChartIT {
    private static final Path CHART = Path.of("..", "helm", "helpdesk-operator");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && doc.has("kind")) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** helm template as for a 1.23 cluster (helm's offline default, 1.20, is older than the chart's kubeVersion). */
    private static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withName("hdo").withNamespace("helpdesk-system").withKubeVersion("1.23.0");
    }

    private static List<JsonNode> render(Path valuesFile) throws IOException {
        var template = template();
        return documents((valuesFile == null ? template : template.withValuesFile(valuesFile)).call());
    }

    private static Stream<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()));
    }

    /** group/resource[names]:verb for every rule of the given ClusterRoles and Roles. */
    static Set<String> grants(Stream<JsonNode> roles) {
        Set<String> grants = new TreeSet<>();
        roles.forEach(role -> role.path("rules").forEach(rule -> rule.path("apiGroups").forEach(g -> rule.path("resources").forEach(r ->
                rule.path("verbs").forEach(v -> grants.add(g.asText() + "/" + r.asText() + (rule.has("resourceNames")
                        ? rule.path("resourceNames").toString() : "") + ":" + v.asText()))))));
        return grants;
    }

    @Test
    void theChartLintsClean() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultValuesInstallOneHardenedOperatorWithTheGeneratedRbacClusterWide() throws IOException {
        List<JsonNode> docs = render(null);
        JsonNode deployment = kind(docs, "Deployment").findFirst().orElseThrow();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/helpdesk-dev/helpdesk-operator:1.0.0");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(env(container, "QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESK_NAMESPACES")).isEqualTo("JOSDK_ALL_NAMESPACES");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("hdo-helpdesk-operator");
        assertThat(kind(docs, "ClusterRoleBinding")).extracting(b -> b.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("hdo-helpdesk-operator", "hdo-helpdesk-operator-crds");
        assertThat(kind(docs, "RoleBinding")).isEmpty();
        assertThat(kind(docs, "ServiceMonitor")).isEmpty();
        assertThat(kind(docs, "PrometheusRule")).isEmpty();

        List<JsonNode> generated = documents(Files.readString(Path.of("target", "kubernetes", "kubernetes.yml")));
        Set<String> wanted = grants(generated.stream().filter(d -> Set.of("ClusterRole", "Role").contains(d.path("kind").asText())));
        assertThat(grants(kind(docs, "ClusterRole"))).as("the chart grants exactly what the reconcilers declare").isEqualTo(wanted);
    }

    @Test
    void productionValuesBindOnlyTheWatchedNamespacesAndAddMonitoring() throws IOException {
        List<JsonNode> docs = render(CHART.resolve("ci/production-values.yaml"));
        JsonNode deployment = kind(docs, "Deployment").findFirst().orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(deployment.path("spec").path("replicas").asInt()).as("a leader and a standby").isEqualTo(2);
        assertThat(container.path("image").asText()).isEqualTo("registry.example.com/helpdesk/helpdesk-operator:1.0.0");
        assertThat(env(container, "QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESK_NAMESPACES")).isEqualTo("helpdesk-prod,helpdesk-staging");
        assertThat(env(container, "QUARKUS_OPERATOR_SDK_CONTROLLERS_HELPDESKBACKUP_NAMESPACES")).isEqualTo("helpdesk-prod,helpdesk-staging");
        assertThat(kind(docs, "RoleBinding")).extracting(b -> b.path("metadata").path("namespace").asText())
                .as("each watched namespace, and the release's for the leader Lease")
                .containsExactlyInAnyOrder("helpdesk-prod", "helpdesk-staging", "helpdesk-system");
        assertThat(kind(docs, "ClusterRoleBinding")).extracting(b -> b.path("metadata").path("name").asText())
                .as("only the CRD reads stay cluster-wide").containsExactly("hdo-helpdesk-operator-crds");
        assertThat(kind(docs, "ServiceMonitor")).hasSize(1);
        Set<String> anchors = Files.readString(Path.of("..", "docs", "operations.md")).lines().filter(l -> l.startsWith("#"))
                .map(l -> PrometheusRuleRunbookTest.anchor(l.replaceFirst("^#+", ""))).collect(Collectors.toSet());
        JsonNode rules = kind(docs, "PrometheusRule").findFirst().orElseThrow().path("spec").path("groups").get(0).path("rules");
        assertThat(rules).isNotEmpty();
        rules.forEach(r -> {
            String url = r.path("annotations").path("runbook_url").asText();
            assertThat(anchors).as(r.path("alert").asText() + ": " + url).contains(url.substring(url.indexOf('#') + 1));
        });
    }

    @Test
    void badValuesFailWithAMessageNamingTheValue() {
        assertThatThrownBy(() -> template().set("replicaCount", 0).call())
                .hasMessageContaining("schema").hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> template().set("image.pullPolicy", "Sometimes").call())
                .hasMessageContaining("schema").hasMessageContaining("pullPolicy");
        assertThatThrownBy(() -> template().set("watchNamespaces[0]", "Not_A_Namespace").call())
                .hasMessageContaining("watchNamespaces");
        assertThatThrownBy(() -> template().set("replicas", 2).call())
                .as("a misspelt key is refused, not ignored").hasMessageContaining("replicas");
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
            for (Path crd : files.toList()) {
                assertThat(CHART.resolve("crds").resolve(crd.getFileName())).as("helm/helpdesk-operator/crds/" + crd.getFileName()
                        + " (copy crds/ into the chart)").hasSameTextualContentAs(crd);
            }
        }
        try (Stream<Path> files = Files.list(CHART.resolve("crds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).allMatch(f -> Files.exists(Path.of("..", "crds", f)));
        }
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        return null;
    }
}
