package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The web/API pods (role serve). */
public class AppSpec {
    @Default("2")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Number of app pods when autoscaling is off.")
    public Integer replicas = 2;

    @JsonPropertyDescription("CPU and memory for each app pod.")
    public Resources resources;

    @JsonPropertyDescription("Horizontal pod autoscaling of the app; when enabled, replicas is left to the autoscaler.")
    public Autoscaling autoscaling = new Autoscaling();

    @io.fabric8.generator.annotation.Pattern("^https?://[^\\s/?#]+(/[^\\s?#]*)?$")
    @JsonPropertyDescription("Where users reach the desk, e.g. https://support.example.com (HELPDESK_PUBLIC_URL): links and Location"
            + " headers are built from it. Defaults to the ingress host (https when ingress.tlsSecretName is set).")
    public String publicURL;

    @JsonPropertyDescription("IP addresses or CIDR ranges of the reverse proxies in front of the app, i.e. the ingress controller's pods"
            + " (HTTP_TRUSTED_PROXIES): their X-Forwarded-For is believed. Without it every user behind the ingress shares one"
            + " rate-limit and login-throttle bucket.")
    public java.util.List<@io.fabric8.generator.annotation.Pattern("^[0-9a-fA-F:.]+(/[0-9]{1,3})?$") String> trustedProxies;

    @ValidationRule(value = "!self.enabled || self.minReplicas <= self.maxReplicas",
            message = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas")
    public static class Autoscaling {
        @Default("false")
        @JsonPropertyDescription("Create a HorizontalPodAutoscaler for the app.")
        public Boolean enabled = false;

        @Default("2")
        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Fewest app pods the autoscaler keeps.")
        public Integer minReplicas = 2;

        @Default("10")
        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Most app pods the autoscaler creates.")
        public Integer maxReplicas = 10;

        @Default("70")
        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Average CPU utilization the autoscaler aims at, in percent of requests.")
        public Integer targetCPUUtilizationPercentage = 70;

        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Average memory utilization the autoscaler also aims at, in percent of requests; unset: CPU only.")
        public Integer targetMemoryUtilizationPercentage;
    }
}
