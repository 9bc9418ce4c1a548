package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@ValidationRule(value = "!self.enabled || (has(self.host) && self.host != '')", message = "ingress: host is required when enabled")
public class IngressSpec {
    @Default("false")
    @JsonPropertyDescription("Expose the app through an Ingress.")
    public Boolean enabled = false;

    @JsonPropertyDescription("Host name, e.g. support.example.com.")
    public String host;

    @JsonPropertyDescription("IngressClass; the cluster default when empty.")
    public String className;

    @JsonPropertyDescription("Secret with the TLS certificate for host; no TLS when empty.")
    public String tlsSecretName;

    @JsonPropertyDescription("Extra annotations on the Ingress (e.g. for cert-manager).")
    public Map<String, String> annotations;
}
