package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Container resources, as in a pod spec; operator defaults apply to what is left out. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Resources {
    @JsonPropertyDescription("Minimum resources, e.g. {cpu: 250m, memory: 512Mi}.")
    public Map<String, String> requests;

    @JsonPropertyDescription("Maximum resources, e.g. {memory: 1Gi}.")
    public Map<String, String> limits;
}
