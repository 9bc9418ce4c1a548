package dev.helpdesk.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lists and maps the operator owns whole: the containers, each container's env and volume
 * mounts, and the volumes of its pod templates, and the data of its ConfigMaps. Server-side apply
 * merges entries other managers added into these; here they are found and removed, so a variable
 * or key someone added by hand goes the way a changed value does. Labels and annotations are not
 * owned whole: what other tools add there (kubectl rollout restart) stays. A Service's ports are
 * keyed by port number: an entry with a foreign number would clash with the operator's by name,
 * so that list is replaced whole instead.
 */
final class OwnedLists {
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private static final String PORTS = "/spec/ports";

    private OwnedLists() {}

    private static boolean samePortKeys(JsonNode live, JsonNode desired) {
        Set<String> l = new HashSet<>();
        Set<String> d = new HashSet<>();
        live.forEach(p -> l.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP")));
        desired.forEach(p -> d.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP")));
        return l.equals(d);
    }

    /** An entry of the live object to remove ({@code replacement} null) or to replace whole, by JSON pointer. */
    record Foreign(String pointer, JsonNode replacement) {}

    /** JSON pointers (into the live object) of entries that are not in the desired object, or not as it has them. */
    static List<String> foreignEntries(HasMetadata live, HasMetadata desired) {
        return foreign(live, desired).stream().map(Foreign::pointer).toList();
    }

    private static List<Foreign> foreign(HasMetadata live, HasMetadata desired) {
        JsonNode l = JSON.valueToTree(live);
        JsonNode d = JSON.valueToTree(desired);
        List<Foreign> out = new ArrayList<>();
        mapKeys(l.path("data"), d.path("data"), "/data", out);
        if ("Service".equals(live.getKind()) && !samePortKeys(l.path("spec").path("ports"), d.path("spec").path("ports"))) {
            out.add(new Foreign(PORTS, d.at(PORTS))); // a Service needs at least one port at every moment
        }
        JsonNode podSpec = l.path("spec").path("template").path("spec");
        JsonNode wanted = d.path("spec").path("template").path("spec");
        if (podSpec.isObject() && wanted.isObject()) {
            named(podSpec.path("volumes"), wanted.path("volumes"), "/spec/template/spec/volumes", out);
            named(podSpec.path("containers"), wanted.path("containers"), "/spec/template/spec/containers", out);
            JsonNode containers = podSpec.path("containers");
            for (int i = 0; i < containers.size(); i++) {
                JsonNode mine = byName(wanted.path("containers"), containers.get(i).path("name").asText());
                if (mine != null) {
                    String at = "/spec/template/spec/containers/" + i;
                    named(containers.get(i).path("env"), mine.path("env"), at + "/env", out);
                    // value set by hand where the operator sets valueFrom (or the reverse): both would be invalid together
                    replacedEntries(containers.get(i).path("env"), mine.path("env"), at + "/env", out);
                    named(containers.get(i).path("volumeMounts"), mine.path("volumeMounts"), at + "/volumeMounts", out);
                }
            }
        }
        return out;
    }

    /** A JSON patch that removes (or replaces) the foreign entries, each guarded by a test of its current value; null when none. */
    static String removalPatch(HasMetadata live, HasMetadata desired) {
        List<Foreign> changes = foreign(live, desired);
        if (changes.isEmpty()) {
            return null;
        }
        java.util.Map<String, JsonNode> replacements = new java.util.HashMap<>();
        changes.stream().filter(c -> c.replacement() != null).forEach(c -> replacements.put(c.pointer(), c.replacement()));
        List<String> pointers = new ArrayList<>(changes.stream().map(Foreign::pointer).toList());
        // deeper paths first (an env entry before any container), and within one array from the end,
        // so the indexes of what is still to be removed stay valid
        pointers.sort(java.util.Comparator.comparingInt((String p) -> -p.split("/").length)
                .thenComparing((a, b) -> isIndex(a) && isIndex(b) ? Integer.compare(index(b), index(a)) : b.compareTo(a)));
        JsonNode l = JSON.valueToTree(live);
        ArrayNode ops = JSON.createArrayNode();
        for (String p : pointers) {
            ObjectNode test = ops.addObject();
            test.put("op", "test");
            test.put("path", p);
            test.set("value", l.at(p));
            ObjectNode change = ops.addObject();
            if (replacements.containsKey(p)) {
                change.put("op", "replace");
                change.put("path", p);
                change.set("value", replacements.get(p));
            } else {
                change.put("op", "remove");
                change.put("path", p);
            }
        }
        return ops.toString();
    }

    private static boolean isIndex(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).matches("\\d+");
    }

    private static int index(String pointer) {
        return Integer.parseInt(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static void mapKeys(JsonNode live, JsonNode desired, String at, List<Foreign> out) {
        if (!live.isObject()) {
            return;
        }
        live.fieldNames().forEachRemaining(k -> {
            if (!desired.has(k)) {
                out.add(new Foreign(at + "/" + k.replace("~", "~0").replace("/", "~1"), null));
            }
        });
    }

    /** Entries present on both sides whose live form has a field the desired one lacks: replaced whole by the desired one. */
    private static void replacedEntries(JsonNode live, JsonNode desired, String at, List<Foreign> out) {
        if (!live.isArray()) {
            return;
        }
        for (int i = 0; i < live.size(); i++) {
            JsonNode mine = byName(desired, live.get(i).path("name").asText());
            if (mine == null) {
                continue;
            }
            java.util.Iterator<String> fields = live.get(i).fieldNames();
            while (fields.hasNext()) {
                if (!mine.has(fields.next())) {
                    out.add(new Foreign(at + "/" + i, mine));
                    break;
                }
            }
        }
    }

    private static void named(JsonNode live, JsonNode desired, String at, List<Foreign> out) {
        if (!live.isArray()) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        desired.forEach(e -> wanted.add(e.path("name").asText()));
        for (int i = 0; i < live.size(); i++) {
            if (!wanted.contains(live.get(i).path("name").asText())) {
                out.add(new Foreign(at + "/" + i, null));
            }
        }
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode e : array) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        return null;
    }
}
