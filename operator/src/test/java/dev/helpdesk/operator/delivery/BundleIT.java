package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.helpdesk.operator.build.OlmBundle;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.CRDDescription;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.ClusterServiceVersion;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.InstallMode;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.RelatedImage;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.SpecDescriptor;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.StatusDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed OLM bundle (bundle/): what the build generates (drift), a CSV OLM can read whose
 * examples are the samples, CRDs identical to crds/, labels that agree, RBAC equal to the
 * generated least-privilege rules, and one release version everywhere. An IT: target/olm-bundle
 * exists after the package phase.
 */
class BundleIT {
    private static final Path BUNDLE = Path.of("..", "bundle");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String UPDATE = "run: mvn -B -pl operator package -DskipTests -Pupdate-bundle";

    private static ClusterServiceVersion csv() throws IOException {
        return Serialization.unmarshal(Files.readString(BUNDLE.resolve(OlmBundle.CSV)), ClusterServiceVersion.class);
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    @Test
    void theCommittedBundleIsWhatTheBuildGenerates() throws IOException {
        Map<String, String> generated = files(Path.of("target", "olm-bundle"));
        Map<String, String> committed = files(BUNDLE);
        assertThat(committed.keySet()).as("bundle/ files; " + UPDATE).isEqualTo(generated.keySet());
        generated.forEach((path, content) -> assertThat(committed.get(path)).as("bundle/%s drifted; %s", path, UPDATE).isEqualTo(content));
    }

    @Test
    void theCsvDescribesTheOperatorForOlm() throws IOException {
        ClusterServiceVersion csv = csv();
        String version = YAML.readTree(Path.of("..", "helm", "helpdesk-operator", "Chart.yaml").toFile()).path("appVersion").asText();
        assertThat(csv.getSpec().getVersion()).as("one release version: the chart's appVersion").isEqualTo(version);
        assertThat(csv.getMetadata().getName()).isEqualTo("helpdesk-operator.v" + version);
        assertThat(csv.getMetadata().getAnnotations()).containsEntry("capabilities", "Full Lifecycle")
                .containsEntry("containerImage", "ghcr.io/helpdesk-dev/helpdesk-operator:" + version);
        assertThat(csv.getSpec().getMinKubeVersion()).isEqualTo("1.23.0");
        assertThat(csv.getSpec().getDescription()).contains("HelpDeskBackup", "HelpDeskRestore");
        assertThat(csv.getSpec().getIcon()).singleElement().satisfies(icon -> {
            assertThat(icon.getMediatype()).isEqualTo("image/svg+xml");
            assertThat(new String(java.util.Base64.getDecoder().decode(icon.getBase64data()))).startsWith("<svg");
        });
        assertThat(csv.getSpec().getInstallModes()).filteredOn(InstallMode::getSupported).extracting(InstallMode::getType)
                .containsExactlyInAnyOrder("OwnNamespace", "SingleNamespace", "MultiNamespace", "AllNamespaces");

        DeploymentSpec deployment = csv.getSpec().getInstall().getSpec().getDeployments().get(0).getSpec();
        var pod = deployment.getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/helpdesk-dev/helpdesk-operator:" + version);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        // OLM writes the namespaces of the OperatorGroup into this annotation ("" for all of them)
        for (String controller : List.of("HELPDESK", "HELPDESKBACKUP", "HELPDESKRESTORE")) {
            EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_OPERATOR_SDK_CONTROLLERS_" + controller + "_NAMESPACES"))
                    .findFirst().orElseThrow();
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.annotations['olm.targetNamespaces']");
        }
    }

    @Test
    void almExamplesAreTheSamples() throws IOException {
        JsonNode examples = new ObjectMapper().readTree(csv().getMetadata().getAnnotations().get("alm-examples"));
        List<JsonNode> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode sample = YAML.readTree(f.toFile());
                ((com.fasterxml.jackson.databind.node.ObjectNode) sample.path("metadata")).remove("namespace");
                samples.add(sample);
            }
        }
        assertThat(samples).hasSize(5);
        assertThat(examples).as("alm-examples: every sample, created in the namespace the user is in").containsExactlyElementsOf(samples);
        assertThat(examples.findValuesAsText("kind")).contains("HelpDesk", "HelpDeskBackup", "HelpDeskRestore");
    }

    @Test
    void everyOwnedCrdIsInManifestsExactlyAsInCrds() throws IOException {
        List<CRDDescription> owned = csv().getSpec().getCustomresourcedefinitions().getOwned();
        Set<String> crdFiles;
        try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
            crdFiles = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(owned).extracting(CRDDescription::getName)
                .containsExactlyInAnyOrderElementsOf(crdFiles.stream().map(f -> f.replace("-v1.yml", "")).toList());
        for (String file : crdFiles) {
            assertThat(Files.readString(BUNDLE.resolve("manifests").resolve(file))).as("manifests/%s", file)
                    .isEqualTo(Files.readString(Path.of("..", "crds", file)));
        }
    }

    @Test
    void everyTopLevelFieldHasADescriptorAndEveryDescriptorAField() throws IOException {
        for (CRDDescription owned : csv().getSpec().getCustomresourcedefinitions().getOwned()) {
            JsonNode schema = YAML.readTree(Path.of("..", "crds", owned.getName() + "-v1.yml").toFile())
                    .path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties");
            List<String> spec = owned.getSpecDescriptors().stream().map(SpecDescriptor::getPath).toList();
            List<String> status = owned.getStatusDescriptors().stream().map(StatusDescriptor::getPath).toList();
            assertThat(spec).as(owned.getKind() + " spec").containsAll(fieldNames(schema.path("spec"))).doesNotHaveDuplicates();
            assertThat(status).as(owned.getKind() + " status").containsAll(fieldNames(schema.path("status"))).doesNotHaveDuplicates();
            spec.forEach(p -> assertThat(at(schema.path("spec"), p).isMissingNode()).as(owned.getKind() + " spec." + p).isFalse());
            status.forEach(p -> assertThat(at(schema.path("status"), p).isMissingNode()).as(owned.getKind() + " status." + p).isFalse());
            assertThat(owned.getResources()).as(owned.getKind() + " resources").isNotEmpty();
            assertThat(owned.getDisplayName()).isNotBlank();
            assertThat(owned.getDescription()).isNotBlank();
        }
    }

    @Test
    void annotationsAndDockerfileLabelsAgreeAndPointAtFilesThatExist() throws IOException {
        Map<String, String> annotations = new TreeMap<>();
        YAML.readTree(BUNDLE.resolve("metadata/annotations.yaml").toFile()).path("annotations").fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Map<String, String> labels = new TreeMap<>();
        Files.readAllLines(BUNDLE.resolve("bundle.Dockerfile")).stream().filter(l -> l.startsWith("LABEL "))
                .map(l -> l.substring(6).split("=", 2)).forEach(kv -> labels.put(kv[0], kv[1]));
        assertThat(labels).isEqualTo(annotations);
        assertThat(annotations).containsEntry("operators.operatorframework.io.bundle.package.v1", "helpdesk-operator")
                .containsEntry("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1")
                .containsEntry("operators.operatorframework.io.bundle.channel.default.v1", "alpha");
        for (String dirLabel : List.of("operators.operatorframework.io.bundle.manifests.v1", "operators.operatorframework.io.bundle.metadata.v1",
                "operators.operatorframework.io.test.config.v1")) {
            String dir = annotations.get(dirLabel);
            assertThat(BUNDLE.resolve(dir)).as(dirLabel).isDirectory();
            assertThat(Files.readString(BUNDLE.resolve("bundle.Dockerfile"))).contains("COPY " + dir.replaceAll("/$", "") + " /" + dir);
        }
        JsonNode scorecard = YAML.readTree(BUNDLE.resolve("tests/scorecard/config.yaml").toFile());
        assertThat(scorecard.path("kind").asText()).isEqualTo("Configuration");
        assertThat(scorecard.findValues("entrypoint")).extracting(e -> e.get(1).asText()).contains("basic-check-spec",
                "olm-bundle-validation", "olm-crds-have-validation", "olm-crds-have-resources", "olm-spec-descriptors", "olm-status-descriptors");
    }

    @Test
    void theCsvGrantsExactlyTheGeneratedRbac() throws IOException {
        List<JsonNode> generated = ChartIT.documents(Files.readString(Path.of("target", "kubernetes", "kubernetes.yml")));
        Set<String> wanted = ChartIT.grants(generated.stream().filter(d -> Set.of("ClusterRole", "Role").contains(d.path("kind").asText())));
        var install = csv().getSpec().getInstall().getSpec();
        List<PolicyRule> rules = Stream.concat(install.getClusterPermissions().stream(),
                        install.getPermissions() == null ? Stream.empty() : install.getPermissions().stream())
                .flatMap(p -> p.getRules().stream()).toList();
        JsonNode asRole = YAML.valueToTree(Map.of("rules", rules));
        assertThat(ChartIT.grants(Stream.of(asRole))).isEqualTo(wanted);
    }

    @Test
    void relatedImagesNameTheOperatorAndEveryWorkloadImage() throws IOException {
        ClusterServiceVersion csv = csv();
        var images = csv.getSpec().getRelatedImages().stream().collect(Collectors.toMap(RelatedImage::getName, RelatedImage::getImage));
        assertThat(images).containsEntry("helpdesk-operator", csv.getMetadata().getAnnotations().get("containerImage"))
                .containsEntry("helpdesk-app", "ghcr.io/helpdesk-dev/helpdesk-app:" + csv.getSpec().getVersion())
                .containsKeys("redis", "postgres-14", "postgres-15", "postgres-16", "postgres-17");
        // the images the operator really starts: RelatedImagesScenarioTest
    }

    private static List<String> fieldNames(JsonNode section) {
        List<String> names = new ArrayList<>();
        section.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode at(JsonNode section, String dottedPath) {
        JsonNode node = section;
        for (String part : dottedPath.split("\\.")) {
            node = node.path("properties").path(part);
        }
        return node;
    }
}
