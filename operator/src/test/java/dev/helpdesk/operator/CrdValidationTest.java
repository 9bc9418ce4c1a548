package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.operator.testing.CrdSchema;
import dev.helpdesk.operator.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad specs are refused by the CRD itself, with a message that names what is wrong; the samples pass. */
class CrdValidationTest {
    static final CrdSchema CRD = CrdSchema.helpDesk();

    static Stream<Path> samples() throws IOException {
        return Files.list(Samples.dir()).filter(p -> p.getFileName().toString().startsWith("helpdesk-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsAdmitted(Path sample) throws IOException {
        assertThat(CRD.problems(CrdSchema.yaml(Files.readString(sample)))).as(sample.toString()).isEmpty();
    }

    private static List<String> problems(String spec) {
        return CRD.problems(CrdSchema.yaml("apiVersion: helpdesk.dev/v1alpha1\nkind: HelpDesk\nmetadata: {name: x}\nspec:\n" + spec));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "both databases   | {version: 1.0.0, database: {managed: {}, external: {secretRef: {name: db}}}} | database: set exactly one of managed or external, not both",
        "both redis       | {version: 1.0.0, redis: {managed: {}, external: {secretRef: {name: r}}}}      | redis: set exactly one of managed or external, not both",
        "autoscaling      | {version: 1.0.0, app: {autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}}} | autoscaling.minReplicas must not exceed autoscaling.maxReplicas",
        "ingress host     | {version: 1.0.0, ingress: {enabled: true}}                                   | ingress: host is required when enabled",
        "email            | {version: 1.0.0, email: {enabled: true}}                                     | email: when enabled, from and smtp.host are required",
        "s3 endpoint      | {version: 1.0.0, attachments: {storage: {s3: {bucket: b}}}}                  | attachments.storage.s3: endpoint is required when a bucket is set",
        "backup s3        | {version: 1.0.0, backup: {target: {s3: {bucket: b}}}}                        | backup.target.s3: endpoint is required when a bucket is set",
    })
    void eachCelRuleRefusesWithItsMessage(String name, String spec, String message) {
        assertThat(problems("  " + spec.replace("\n", "\n  "))).anySatisfy(p -> assertThat(p).endsWith(message));
    }

    @Test
    void everyCelRuleIsCoveredAboveAndAllowsTheDefaults() {
        assertThat(CRD.rules()).hasSize(7);
        assertThat(problems("  version: 1.0.0")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing version        | {}                                        | version",
        "version not semver     | {version: '1.0'}                          | version",
        "version with v prefix  | {version: v1.0.0}                         | version",
        "negative replicas      | {version: 1.0.0, app: {replicas: -1}}     | replicas",
        "unknown postgres major | {version: 1.0.0, database: {managed: {version: '12'}}} | version",
        "storage size           | {version: 1.0.0, database: {managed: {storage: lots}}} | storage",
        "worker concurrency 0   | {version: 1.0.0, worker: {concurrency: 0}} | concurrency",
        "smtp port              | {version: 1.0.0, email: {smtp: {port: 70000}}} | port",
        "replicas as text       | {version: 1.0.0, app: {replicas: two}}    | replicas",
    })
    void structuralErrorsNameTheField(String name, String spec, String field) {
        assertThat(problems("  " + spec)).isNotEmpty().anySatisfy(p -> assertThat(p).contains(field));
    }

    @Test
    void semanticVersionsWithPreReleasesAreAccepted() {
        assertThat(problems("  version: 1.2.3-rc.1")).isEmpty();
        JsonNode hd = CrdSchema.yaml("apiVersion: helpdesk.dev/v1alpha1\nkind: HelpDesk\nmetadata: {name: x}\nspec: {version: 10.20.30}");
        assertThat(CRD.problems(hd)).isEmpty();
    }
}
