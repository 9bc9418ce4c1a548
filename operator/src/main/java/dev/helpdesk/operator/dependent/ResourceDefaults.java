package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Requests and limits: what the spec says, over sensible defaults, so no pod runs unbounded. */
public final class ResourceDefaults {
    private ResourceDefaults() {}

    public static ResourceRequirements of(Resources spec, String cpuRequest, String memoryRequest, String memoryLimit) {
        Map<String, String> requests = new LinkedHashMap<>(Map.of("cpu", cpuRequest, "memory", memoryRequest));
        Map<String, String> limits = new LinkedHashMap<>(Map.of("memory", memoryLimit));
        if (spec != null) {
            if (spec.requests != null) {
                requests.putAll(spec.requests);
            }
            if (spec.limits != null) {
                limits.putAll(spec.limits);
            }
        }
        return new ResourceRequirementsBuilder().withRequests(quantities(requests)).withLimits(quantities(limits)).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> in) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
