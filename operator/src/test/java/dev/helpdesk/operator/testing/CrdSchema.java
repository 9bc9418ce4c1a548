package dev.helpdesk.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed CRD's schema applied the way the API server applies it: structural (OpenAPI v3)
 * validation, then every x-kubernetes-validations CEL rule on the node it is attached to.
 */
public final class CrdSchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).addVar("oldSelf", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode openApi;
    private final Schema schema;

    private CrdSchema(JsonNode openApi) {
        this.openApi = openApi;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(openApi.toString());
    }

    public static Path crdDir() {
        Path p = Path.of("..", "crds");
        return Files.isDirectory(p) ? p : Path.of("crds");
    }

    public static CrdSchema helpDesk() {
        try {
            JsonNode crd = YAML.readTree(crdDir().resolve("helpdesks.helpdesk.dev-v1.yml").toFile());
            return new CrdSchema(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every problem the API server would report for this object; empty when it would be admitted. */
    public List<String> problems(JsonNode object) {
        return problems(null, object);
    }

    /**
     * As the API server answers an update from {@code old} to {@code object}: transition rules (those
     * using oldSelf) run only where both versions have a value; on create ({@code old} null) never.
     */
    public List<String> problems(JsonNode old, JsonNode object) {
        List<String> out = new ArrayList<>();
        schema.validate(object).forEach(e -> out.add(e.getInstanceLocation() + ": " + e.getMessage()));
        JsonNode defaulted = object.deepCopy();
        applyDefaults(openApi, defaulted);
        JsonNode oldDefaulted = old == null ? null : old.deepCopy();
        if (oldDefaulted != null) {
            applyDefaults(openApi, oldDefaulted);
        }
        rules(openApi, defaulted, oldDefaulted, "", out);
        return out;
    }

    /** Structural defaulting, which the API server does before it runs the rules. */
    private static void applyDefaults(JsonNode schemaNode, JsonNode value) {
        if (value instanceof com.fasterxml.jackson.databind.node.ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schemaNode.path("properties").fields(); it.hasNext(); ) {
                var prop = it.next();
                if (!obj.has(prop.getKey()) && prop.getValue().has("default")) {
                    obj.set(prop.getKey(), prop.getValue().get("default").deepCopy());
                }
                if (obj.has(prop.getKey())) {
                    applyDefaults(prop.getValue(), obj.get(prop.getKey()));
                }
            }
        } else if (value != null && value.isArray() && schemaNode.has("items")) {
            value.forEach(v -> applyDefaults(schemaNode.get("items"), v));
        }
    }

    public List<String> rules() {
        List<String> out = new ArrayList<>();
        collect(openApi, out);
        return out;
    }

    private void collect(JsonNode schemaNode, List<String> out) {
        schemaNode.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText()));
        schemaNode.path("properties").forEach(p -> collect(p, out));
        if (schemaNode.has("items")) {
            collect(schemaNode.get("items"), out);
        }
    }

    private void rules(JsonNode schemaNode, JsonNode value, JsonNode old, String path, List<String> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        boolean hasOld = old != null && !old.isMissingNode() && !old.isNull();
        for (JsonNode rule : schemaNode.path("x-kubernetes-validations")) {
            boolean transition = rule.path("rule").asText().contains("oldSelf");
            if (transition && !hasOld) {
                continue;
            }
            try {
                var program = RUNTIME.createProgram(CEL.compile(rule.path("rule").asText()).getAst());
                Object ok = program.eval(transition ? Map.of("self", toCel(value), "oldSelf", toCel(old)) : Map.of("self", toCel(value)));
                if (!Boolean.TRUE.equals(ok)) {
                    out.add((path.isEmpty() ? "<root>" : path) + ": " + rule.path("message").asText());
                }
            } catch (Exception e) {
                out.add(path + ": rule '" + rule.path("rule").asText() + "' could not be evaluated: " + e.getMessage());
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schemaNode.path("properties").fields(); it.hasNext(); ) {
                var prop = it.next();
                rules(prop.getValue(), value.get(prop.getKey()), hasOld ? old.get(prop.getKey()) : null, path + "." + prop.getKey(), out);
            }
        } else if (value.isArray() && schemaNode.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                rules(schemaNode.get("items"), value.get(i), null, path + "[" + i + "]", out); // list items: no transition rules here
            }
        }
    }

    private static Object toCel(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toCel(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(toCel(e)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}
