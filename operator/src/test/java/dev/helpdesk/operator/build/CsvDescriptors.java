package dev.helpdesk.operator.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The spec and status descriptors of each owned CRD in the CSV: one for every top-level field
 * (what the console's forms and scorecard's descriptor tests look for), plus the nested fields
 * worth a widget. Descriptions come from the CRD schema, so they cannot drift from it.
 */
final class CsvDescriptors {
    private static final String TEXT = "urn:alm:descriptor:com.tectonic.ui:text";
    private static final String SWITCH = "urn:alm:descriptor:com.tectonic.ui:booleanSwitch";
    private static final String NUMBER = "urn:alm:descriptor:com.tectonic.ui:number";
    private static final String POD_COUNT = "urn:alm:descriptor:com.tectonic.ui:podCount";
    private static final String ADVANCED = "urn:alm:descriptor:com.tectonic.ui:advanced";
    private static final String STATUS_TEXT = "urn:alm:descriptor:text";
    private static final Map<String, String> DISPLAY_NAMES = Map.of("helpDeskRef", "HelpDesk", "backupRef", "Backup",
            "helpDesk", "HelpDesk", "sha256", "SHA-256", "publicURL", "Public URL", "url", "URL");

    /** Nested fields with a widget, by kind and "spec.…" / "status.…" path. */
    private static final Map<String, Map<String, List<String>>> NESTED = Map.of(
            "HelpDesk", Map.ofEntries(
                    Map.entry("spec.app.replicas", List.of(POD_COUNT)),
                    Map.entry("spec.app.publicURL", List.of(TEXT)),
                    Map.entry("spec.worker.replicas", List.of(POD_COUNT)),
                    Map.entry("spec.database.managed.version", List.of(TEXT)),
                    Map.entry("spec.database.managed.storage", List.of(TEXT)),
                    Map.entry("spec.backup.schedule", List.of(TEXT)),
                    Map.entry("spec.backup.beforeUpgrade", List.of(SWITCH)),
                    Map.entry("spec.upgrade.autoRollback", List.of(SWITCH)),
                    Map.entry("spec.upgrade.writeFreeze", List.of(SWITCH)),
                    Map.entry("spec.ingress.enabled", List.of(SWITCH)),
                    Map.entry("spec.ingress.host", List.of(TEXT)),
                    Map.entry("spec.email.enabled", List.of(SWITCH)),
                    Map.entry("spec.monitoring.serviceMonitor", List.of(SWITCH)),
                    Map.entry("spec.monitoring.prometheusRule", List.of(SWITCH)),
                    Map.entry("status.app.ready", List.of(STATUS_TEXT)),
                    Map.entry("status.worker.ready", List.of(STATUS_TEXT)),
                    Map.entry("status.lastBackup.name", List.of(STATUS_TEXT)),
                    Map.entry("status.lastBackup.completedAt", List.of(STATUS_TEXT))),
            "HelpDeskBackup", Map.of(
                    "spec.helpDeskRef.name", List.of(TEXT)),
            "HelpDeskRestore", Map.of(
                    "spec.helpDeskRef.name", List.of(TEXT),
                    "spec.backupRef.name", List.of(TEXT),
                    "spec.fromOtherHelpDesk", List.of(SWITCH)));

    /** Sections a newcomer need not touch: the console folds them away. */
    private static final List<String> ADVANCED_SECTIONS = List.of("spec.upgrade", "spec.sla", "spec.rateLimit", "spec.spamGuard",
            "spec.attachments", "spec.imagePullSecrets", "spec.image");

    private CsvDescriptors() {}

    /** specDescriptors or statusDescriptors ("spec" / "status") of a kind, from its CRD. */
    static ArrayNode of(String kind, JsonNode crd, String section) {
        JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties").path(section);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        root.path("properties").fieldNames().forEachRemaining(field -> out.add(descriptor(kind, section + "." + field, root.path("properties").path(field))));
        NESTED.getOrDefault(kind, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(section + ".") && e.getKey().indexOf('.', section.length() + 1) > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(descriptor(kind, e.getKey(), property(root, e.getKey().substring(section.length() + 1)))));
        return out;
    }

    private static ObjectNode descriptor(String kind, String fullPath, JsonNode schema) {
        if (schema.isMissingNode()) {
            throw new IllegalStateException(kind + " has no field " + fullPath + ": fix CsvDescriptors");
        }
        String path = fullPath.substring(fullPath.indexOf('.') + 1);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("path", path);
        d.put("displayName", displayName(path.substring(path.lastIndexOf('.') + 1)));
        if (schema.has("description")) {
            d.put("description", schema.get("description").asText());
        }
        List<String> x = xDescriptors(kind, fullPath, schema);
        if (!x.isEmpty()) {
            x.forEach(d.putArray("x-descriptors")::add);
        }
        return d;
    }

    private static List<String> xDescriptors(String kind, String fullPath, JsonNode schema) {
        List<String> nested = NESTED.getOrDefault(kind, Map.of()).get(fullPath);
        if (nested != null) {
            return nested;
        }
        return switch (fullPath) {
            case "status.conditions" -> List.of("urn:alm:descriptor:io.kubernetes.conditions");
            case "status.phase" -> List.of("urn:alm:descriptor:io.kubernetes.phase");
            case "status.url" -> List.of("urn:alm:descriptor:org.w3:link");
            default -> {
                if (ADVANCED_SECTIONS.contains(fullPath)) {
                    yield List.of(ADVANCED);
                }
                if (fullPath.startsWith("status.")) {
                    yield schema.has("properties") || "array".equals(schema.path("type").asText()) ? List.of() : List.of(STATUS_TEXT);
                }
                yield switch (schema.path("type").asText()) {
                    case "string" -> List.of(TEXT);
                    case "integer" -> List.of(NUMBER);
                    case "boolean" -> List.of(SWITCH);
                    default -> List.of();
                };
            }
        };
    }

    private static JsonNode property(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            node = node.path("properties").path(part);
        }
        return node;
    }

    /** "observedGeneration" -> "Observed Generation", "publicURL" -> "Public URL". */
    static String displayName(String field) {
        if (DISPLAY_NAMES.containsKey(field)) {
            return DISPLAY_NAMES.get(field);
        }
        String spaced = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
