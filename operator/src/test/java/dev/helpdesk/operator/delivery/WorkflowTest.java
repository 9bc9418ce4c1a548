package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/ci.yml cannot run here (no forge, no container engine), so this checks what
 * would break it silently: the test job runs .ci/run, every Dockerfile and build context it names
 * exists, and the release guard's version checks match the files as they are.
 */
class WorkflowTest {
    private static final Path ROOT = Path.of("..");
    private static final JsonNode WORKFLOW = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(".github/workflows/ci.yml").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> steps(String job) {
        List<JsonNode> steps = new ArrayList<>();
        WORKFLOW.path("jobs").path(job).path("steps").forEach(steps::add);
        return steps;
    }

    @Test
    void theTestJobRunsTheProjectsCiEntryPoint() throws IOException {
        assertThat(steps("test")).extracting(s -> s.path("run").asText()).contains("CI=true bash .ci/run");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("\nmvn -B verify\n");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("```bash\nmvn -B verify\n```");
    }

    @Test
    void everyImageTheReleaseBuildsHasItsDockerfileAndContext() {
        List<JsonNode> builds = steps("release").stream().filter(s -> s.path("uses").asText().startsWith("docker/build-push-action")).toList();
        assertThat(builds).extracting(s -> s.path("with").path("file").asText())
                .containsExactly("app/src/main/docker/Dockerfile", "operator/src/main/docker/Dockerfile", "bundle/bundle.Dockerfile");
        for (JsonNode build : builds) {
            assertThat(ROOT.resolve(build.path("with").path("file").asText())).isRegularFile();
            assertThat(ROOT.resolve(build.path("with").path("context").asText())).isDirectory();
        }
        assertThat(ROOT.resolve("helm/helpdesk-operator/ci/production-values.yaml")).isRegularFile();
    }

    @Test
    void theReleaseGuardRecognisesTheVersionOfTheChartAndTheBundle() throws IOException {
        String guard = steps("release").stream().map(s -> s.path("run").asText()).filter(r -> r.contains("GITHUB_REF_NAME")).findFirst()
                .orElseThrow();
        String version = "1.0.0";
        // the two grep patterns of the guard, with $VERSION filled in, must each match a line of their file
        var greps = Pattern.compile("grep -q \"(.+?)\" (\\S+)").matcher(guard);
        int checked = 0;
        while (greps.find()) {
            Pattern line = Pattern.compile(greps.group(1).replace("\\\"", "\"").replace("$VERSION$", Pattern.quote(version) + "$")
                    .replace("$VERSION", Pattern.quote(version)));
            assertThat(Files.readAllLines(ROOT.resolve(greps.group(2)))).as(greps.group(0)).anyMatch(l -> line.matcher(l).matches());
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }
}
