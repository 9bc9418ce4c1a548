package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.helpdesk.operator.testing.CrdSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/helpdesk-reference.md is generated from the committed CRD, so it names every field with
 * its type, default, bounds and description. Refresh with -Dupdate.docs=true.
 */
class ReferenceDocTest {
    static final Path DOC = CrdSchema.crdDir().resolveSibling("docs").resolve("helpdesk-reference.md");
    static final Path BACKUP_DOC = CrdSchema.crdDir().resolveSibling("docs").resolve("backup-restore-reference.md");

    @Test
    void backupAndRestoreReferenceDocumentsEveryFieldOfTheirCrds() throws IOException {
        String expected = "# HelpDeskBackup and HelpDeskRestore reference\n\nGenerated from the CRDs in `crds/` by `ReferenceDocTest`;"
                + " do not edit by hand. How they are used: backup-and-restore.md.\n\n"
                + kind("helpdeskbackups.helpdesk.dev-v1.yml", "HelpDeskBackup", "hdb", "A backup of one HelpDesk: its database dump and"
                        + " attachment files. Its spec is held to what the operator recorded when it started.")
                + kind("helpdeskrestores.helpdesk.dev-v1.yml", "HelpDeskRestore", "hdr", "Restores a HelpDeskBackup into a HelpDesk, in"
                        + " place.");
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(BACKUP_DOC, expected);
        }
        assertThat(Files.readString(BACKUP_DOC)).as("docs/backup-restore-reference.md is out of date; run: mvn -B -pl operator test "
                + "-Dtest=ReferenceDocTest -Dupdate.docs=true").isEqualTo(expected);
    }

    private static String kind(String file, String kind, String shortName, String intro) throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CrdSchema.crdDir().resolve(file).toFile());
        JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        StringBuilder md = new StringBuilder("## " + kind + "\n\n`apiVersion: helpdesk.dev/v1alpha1`, `kind: " + kind + "` (short name `"
                + shortName + "`). " + intro + "\n\n### Spec\n\n| field | type | default | description |\n|---|---|---|---|\n");
        List<String> rules = new ArrayList<>();
        fields(root.path("properties").path("spec"), "spec", root.path("properties").path("spec").path("required"), md, rules);
        md.append("\n### Status\n\n| field | type | description |\n|---|---|---|\n");
        statusFields(root.path("properties").path("status"), "status", md);
        return md.append('\n').toString();
    }

    @Test
    void referenceDocumentsEveryFieldOfTheCrd() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(DOC, expected);
        }
        assertThat(DOC).as("run: mvn -B -pl operator test -Dtest=ReferenceDocTest -Dupdate.docs=true").exists();
        assertThat(Files.readString(DOC)).as("docs/helpdesk-reference.md is out of date; run: mvn -B -pl operator test "
                + "-Dtest=ReferenceDocTest -Dupdate.docs=true").isEqualTo(expected);
    }

    static String render() throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CrdSchema.crdDir().resolve("helpdesks.helpdesk.dev-v1.yml").toFile());
        JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        StringBuilder md = new StringBuilder();
        md.append("# HelpDesk reference\n\n")
                .append("`apiVersion: helpdesk.dev/v1alpha1`, `kind: HelpDesk` (short name `hd`). Generated from the CRD in\n")
                .append("`crds/` by `ReferenceDocTest`; do not edit by hand. Only `spec.version` is required: the defaults give a\n")
                .append("working installation with operator-managed PostgreSQL and Redis. See `samples/` for complete examples.\n\n")
                .append("## Spec\n\n| field | type | default | description |\n|---|---|---|---|\n");
        List<String> rules = new ArrayList<>();
        fields(root.path("properties").path("spec"), "spec", root.path("properties").path("spec").path("required"), md, rules);
        md.append("\n## Rules across fields\n\nChecked by the API server when the resource is applied (CEL):\n\n");
        rules.forEach(r -> md.append("- ").append(r).append('\n'));
        md.append("\n## Status\n\nRead with `kubectl get hd` and `kubectl describe hd NAME`; see status-and-troubleshooting.md.\n\n")
                .append("| field | type | description |\n|---|---|---|\n");
        statusFields(root.path("properties").path("status"), "status", md);
        return md.toString();
    }

    private static void fields(JsonNode schema, String path, JsonNode required, StringBuilder md, List<String> rules) {
        schema.path("x-kubernetes-validations").forEach(r -> rules.add("`" + path + "`: " + r.path("message").asText()
                + " — `" + r.path("rule").asText() + "`"));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            var e = it.next();
            String child = path + "." + e.getKey();
            JsonNode p = e.getValue();
            boolean isRequired = false;
            for (JsonNode r : required) {
                isRequired |= r.asText().equals(e.getKey());
            }
            md.append("| `").append(child).append("` | ").append(type(p)).append(isRequired ? ", **required**" : "")
                    .append(constraints(p)).append(" | ").append(p.has("default") ? "`" + p.get("default") + "`" : "")
                    .append(" | ").append(p.path("description").asText("").replace("|", "\\|")).append(" |\n");
            if ("object".equals(p.path("type").asText()) && p.has("properties")) {
                fields(p, child, p.path("required"), md, rules);
            } else if ("array".equals(p.path("type").asText()) && p.path("items").has("properties")) {
                fields(p.path("items"), child + "[]", p.path("items").path("required"), md, rules);
            }
        }
    }

    private static void statusFields(JsonNode schema, String path, StringBuilder md) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            var e = it.next();
            String child = path + "." + e.getKey();
            JsonNode p = e.getValue();
            md.append("| `").append(child).append("` | ").append(type(p)).append(" | ")
                    .append(p.path("description").asText("").replace("|", "\\|")).append(" |\n");
            if ("object".equals(p.path("type").asText()) && p.has("properties") && !e.getKey().equals("conditions")) {
                statusFields(p, child, md);
            }
        }
    }

    private static String type(JsonNode p) {
        String t = p.path("type").asText("object");
        if (t.equals("array")) {
            return "array of " + p.path("items").path("type").asText("object");
        }
        if (t.equals("object") && p.has("additionalProperties")) {
            return "map of " + p.path("additionalProperties").path("type").asText("string");
        }
        return t;
    }

    private static String constraints(JsonNode p) {
        StringBuilder c = new StringBuilder();
        if (p.has("minimum")) {
            c.append(", ≥ ").append(p.get("minimum").asText().replaceAll("\\.0$", ""));
        }
        if (p.has("maximum")) {
            c.append(", ≤ ").append(p.get("maximum").asText().replaceAll("\\.0$", ""));
        }
        if (p.has("pattern")) {
            c.append(", pattern `").append(p.get("pattern").asText().replace("|", "\\|")).append('`');
        }
        return c.toString();
    }
}
