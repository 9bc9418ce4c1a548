package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without a container engine here, the images are proven as far as they can be: after the package
 * phase (the reactor builds app before operator), every file each Dockerfile copies exists in its
 * build context, and each image runs as a non-root user with a health check (docs/images.md).
 */
class ImageContextIT {
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(.+)\\s+(\\S+)$");

    @Test
    void theAppImageContextHoldsWhatItsDockerfileCopies() throws IOException {
        checkContext(Path.of("..", "app"));
    }

    @Test
    void theOperatorImageContextHoldsWhatItsDockerfileCopies() throws IOException {
        checkContext(Path.of("."));
    }

    private static void checkContext(Path context) throws IOException {
        Path dockerfile = context.resolve("src/main/docker/Dockerfile");
        List<String> lines = Files.readAllLines(dockerfile).stream().map(String::strip).filter(l -> !l.startsWith("#")).toList();
        List<String> sources = lines.stream().map(COPY::matcher).filter(Matcher::matches)
                .flatMap(m -> Arrays.stream(m.group(1).split("\\s+"))).toList();
        assertThat(sources).as(dockerfile + " copies the fast-jar layout").contains("target/quarkus-app/quarkus-run.jar",
                "target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
        for (String source : sources) {
            assertThat(context.resolve(source)).as(dockerfile + " copies " + source + " from the build context " + context
                    + " (run the package phase first)").exists();
        }
        assertThat(lines).as(dockerfile + " runs as a non-root user").anyMatch(l -> l.matches("USER\\s+[1-9]\\d*(:\\d+)?"));
        assertThat(lines).as(dockerfile + " has a health check").anyMatch(l -> l.startsWith("HEALTHCHECK "));
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]"));
    }
}
