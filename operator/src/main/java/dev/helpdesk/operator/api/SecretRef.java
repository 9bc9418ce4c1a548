package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A whole Secret in the HelpDesk's namespace (its keys are documented where it is used). */
public class SecretRef {
    @JsonPropertyDescription("Name of the Secret, in the HelpDesk's namespace.")
    public String name;
}
