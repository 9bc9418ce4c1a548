package dev.helpdesk.operator.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.helpdesk.operator.delivery.RelatedImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Completes the OLM bundle the quarkus-operator-sdk generator writes to target/bundle (CSV from
 * the generated Deployment and RBAC, annotations) with what it cannot know: alm-examples from
 * samples/, spec and status descriptors, the resources each kind owns, relatedImages, the CRDs
 * exactly as in crds/, and the scorecard configuration. Run by the build (package phase) into
 * target/olm-bundle; the profile update-bundle writes bundle/, which BundleIT compares.
 */
public final class OlmBundle {
    public static final String CSV = "manifests/helpdesk-operator.clusterserviceversion.yaml";
    static final String SCORECARD_IMAGE = "quay.io/operator-framework/scorecard-test:v1.39.2";
    static final Map<String, String> SCORECARD_LABELS = Map.of(
            "operators.operatorframework.io.test.config.v1", "tests/scorecard/",
            "operators.operatorframework.io.test.mediatype.v1", "scorecard+v1");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Kinds (group/version) each owned kind creates: OLM shows them and scorecard checks they are declared. */
    private static final Map<String, List<String[]>> OWNED_RESOURCES = Map.of(
            "HelpDesk", List.of(
                    new String[] { "Deployment", "v1" }, new String[] { "StatefulSet", "v1" }, new String[] { "Service", "v1" },
                    new String[] { "Secret", "v1" }, new String[] { "ConfigMap", "v1" }, new String[] { "PersistentVolumeClaim", "v1" },
                    new String[] { "ServiceAccount", "v1" }, new String[] { "Job", "v1" }, new String[] { "PodDisruptionBudget", "v1" },
                    new String[] { "HorizontalPodAutoscaler", "v2" }, new String[] { "Ingress", "v1" },
                    new String[] { "NetworkPolicy", "v1" }, new String[] { "ServiceMonitor", "v1" },
                    new String[] { "PrometheusRule", "v1" }, new String[] { "HelpDeskBackup", "v1alpha1" }),
            "HelpDeskBackup", List.of(new String[] { "Job", "v1" }, new String[] { "PersistentVolumeClaim", "v1" }),
            "HelpDeskRestore", List.of(new String[] { "Job", "v1" }, new String[] { "HelpDeskBackup", "v1alpha1" }));

    private OlmBundle() {}

    /** args: the generator's bundle directory, the directory of the CRDs (target/kubernetes after CrdPrinterColumns), samples/, the output directory. */
    public static void main(String[] args) throws IOException {
        write(render(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])), Path.of(args[3]));
    }

    /** The bundle's files by path relative to the bundle root. */
    public static Map<String, String> render(Path generated, Path crds, Path samples) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> crdFiles = list(crds, ".helpdesk.dev-v1.yml");
        for (Path crd : crdFiles) {
            files.put("manifests/" + crd.getFileName(), Files.readString(crd));
        }
        files.put(CSV, YAML.writeValueAsString(completeCsv(YAML.readTree(generated.resolve(CSV).toFile()), crdFiles, samples)));

        Map<String, String> labels = new TreeMap<>();
        YAML.readTree(generated.resolve("metadata/annotations.yaml").toFile()).path("annotations").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.putAll(SCORECARD_LABELS);
        files.put("metadata/annotations.yaml", YAML.writeValueAsString(Map.of("annotations", labels)));
        files.put("bundle.Dockerfile", dockerfile(labels));
        files.put("tests/scorecard/config.yaml", scorecardConfig());
        return files;
    }

    private static JsonNode completeCsv(JsonNode csv, List<Path> crdFiles, Path samples) throws IOException {
        ObjectNode annotations = (ObjectNode) csv.path("metadata").path("annotations");
        JsonNode container = csv.path("spec").path("install").path("spec").path("deployments").get(0)
                .path("spec").path("template").path("spec").path("containers").get(0);
        String operatorImage = container.path("image").asText();
        // the generator adds the per-controller namespace variables in no fixed order: sort, so the committed CSV is stable
        List<JsonNode> env = new ArrayList<>();
        container.path("env").forEach(env::add);
        env.sort(Comparator.comparing(e -> e.path("name").asText()));
        ((ObjectNode) container).putArray("env").addAll(env);
        annotations.put("containerImage", operatorImage);
        annotations.put("description", "Installs, upgrades, backs up and restores HelpDesk (ticketing and SLA) installations.");
        annotations.put("alm-examples", almExamples(samples));

        Map<String, JsonNode> crdsByKind = new LinkedHashMap<>();
        for (Path f : crdFiles) {
            JsonNode crd = YAML.readTree(f.toFile());
            crdsByKind.put(crd.path("spec").path("names").path("kind").asText(), crd);
        }
        for (JsonNode owned : csv.path("spec").path("customresourcedefinitions").path("owned")) {
            String kind = owned.path("kind").asText();
            JsonNode crd = crdsByKind.get(kind);
            if (crd == null) {
                throw new IllegalStateException("the CSV owns " + kind + " but crds/ has no CRD for it");
            }
            ObjectNode o = (ObjectNode) owned;
            ArrayNode resources = o.putArray("resources");
            for (String[] r : OWNED_RESOURCES.get(kind)) {
                resources.addObject().put("kind", r[0]).put("name", "").put("version", r[1]);
            }
            o.set("specDescriptors", CsvDescriptors.of(kind, crd, "spec"));
            o.set("statusDescriptors", CsvDescriptors.of(kind, crd, "status"));
        }

        String appVersion = csv.path("spec").path("version").asText();
        ArrayNode related = ((ObjectNode) csv.path("spec")).putArray("relatedImages");
        RelatedImages.of(operatorImage, appVersion).forEach((name, image) -> related.addObject().put("name", name).put("image", image));
        return csv;
    }

    /** Every sample, in file-name order, as the JSON array OLM offers as "create" templates (in the namespace the user is in). */
    static String almExamples(Path samples) throws IOException {
        ArrayNode examples = JSON.createArrayNode();
        for (Path sample : list(samples, ".yaml")) {
            JsonNode example = YAML.readTree(sample.toFile());
            ((ObjectNode) example.path("metadata")).remove("namespace");
            examples.add(example);
        }
        return JSON.writeValueAsString(examples);
    }

    static String dockerfile(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("FROM scratch\n\n# Bundle labels: the same as metadata/annotations.yaml.\n");
        new TreeMap<>(labels).forEach((k, v) -> sb.append("LABEL ").append(k).append('=').append(v).append('\n'));
        return sb.append("\n# Copy files to locations specified by labels.\n")
                .append("COPY manifests /manifests/\nCOPY metadata /metadata/\nCOPY tests/scorecard /tests/scorecard/\n").toString();
    }

    static String scorecardConfig() {
        StringBuilder sb = new StringBuilder("""
                # operator-sdk scorecard bundle/ runs these (docs/olm.md).
                apiVersion: scorecard.operatorframework.io/v1alpha3
                kind: Configuration
                metadata:
                  name: config
                stages:
                - parallel: true
                  tests:
                """);
        for (String[] t : List.of(new String[] { "basic-check-spec", "basic" }, new String[] { "olm-bundle-validation", "olm" },
                new String[] { "olm-crds-have-validation", "olm" }, new String[] { "olm-crds-have-resources", "olm" },
                new String[] { "olm-spec-descriptors", "olm" }, new String[] { "olm-status-descriptors", "olm" })) {
            sb.append("  - entrypoint:\n    - scorecard-test\n    - ").append(t[0]).append('\n')
                    .append("    image: ").append(SCORECARD_IMAGE).append('\n')
                    .append("    labels:\n      suite: ").append(t[1]).append("\n      test: ").append(t[0]).append("-test\n");
        }
        return sb.append("storage:\n  spec:\n    mountPath: {}\n").toString();
    }

    /** Replaces dir's generated content with files (nothing stale survives a rename). */
    static void write(Map<String, String> files, Path dir) throws IOException {
        for (String sub : List.of("manifests", "metadata", "tests")) {
            Path p = dir.resolve(sub);
            if (Files.exists(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent() == null ? dir : f.getParent());
            Files.writeString(f, e.getValue());
        }
    }

    static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList());
        }
    }
}
