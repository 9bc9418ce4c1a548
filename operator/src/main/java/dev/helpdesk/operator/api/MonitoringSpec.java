package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

public class MonitoringSpec {
    @Default("false")
    @JsonPropertyDescription("Create a Prometheus Operator ServiceMonitor for the app (when that CRD exists in the cluster).")
    public Boolean serviceMonitor = false;

    @Default("false")
    @JsonPropertyDescription("Create a PrometheusRule with the HelpDesk's alerts.")
    public Boolean prometheusRule = false;
}
