package dev.helpdesk.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON merge-patch body (RFC 7396): a field that is absent stays as it is, {@code null}
 * clears it. Reads each field with its expected type and collects field errors.
 */
public final class Patch {
    private final ObjectNode body;
    private final Validator v = new Validator();

    private Patch(ObjectNode body) {
        this.body = body;
    }

    public static Patch of(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the request body must be a JSON object",
                    List.of(new FieldError("body", "must be a JSON object")), null);
        }
        Patch patch = new Patch((ObjectNode) body);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                patch.v.add(name, "is not a known field");
            }
        }
        return patch;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public Validator validator() {
        return v;
    }

    /** A text field, if present; null values are reported as "may not be null" unless nullable. */
    public Optional<String> text(String field, boolean nullable) {
        return typed(field, nullable, JsonNode::isTextual, JsonNode::asText, "a string");
    }

    public Optional<Long> id(String field, boolean nullable) {
        return typed(field, nullable, n -> n.isIntegralNumber() && n.canConvertToLong() && n.asLong() > 0,
                JsonNode::asLong, "a positive whole number");
    }

    public Optional<Boolean> bool(String field) {
        return typed(field, false, JsonNode::isBoolean, JsonNode::asBoolean, "true or false");
    }

    public Optional<List<String>> strings(String field) {
        return typed(field, false, n -> {
            if (!n.isArray()) {
                return false;
            }
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return false;
                }
            }
            return true;
        }, n -> {
            List<String> out = new ArrayList<>();
            n.forEach(e -> out.add(e.asText()));
            return out;
        }, "an array of strings");
    }

    /** An enum-like text field parsed with {@code parser}, whose IllegalArgumentException message is the error. */
    public <T> Optional<T> parsed(String field, Function<String, T> parser) {
        Optional<String> raw = text(field, false);
        return raw.map(r -> v.parse(field, r, parser));
    }

    private <T> Optional<T> typed(String field, boolean nullable, java.util.function.Predicate<JsonNode> ok,
                                  Function<JsonNode, T> read, String expected) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode n = body.get(field);
        if (n.isNull()) {
            if (!nullable) {
                v.add(field, "may not be null");
            }
            return Optional.empty();
        }
        if (!ok.test(n)) {
            v.add(field, "must be " + expected);
            return Optional.empty();
        }
        return Optional.ofNullable(read.apply(n));
    }
}
