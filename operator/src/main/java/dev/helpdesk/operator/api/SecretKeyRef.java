package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret in the HelpDesk's namespace. */
public class SecretKeyRef {
    @Required
    @JsonPropertyDescription("Name of the Secret, in the HelpDesk's namespace.")
    public String name;

    @JsonPropertyDescription("Key inside the Secret.")
    public String key;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }
}
