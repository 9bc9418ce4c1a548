package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;

/** A Prometheus Operator ServiceMonitor scraping /q/metrics of the app and the worker (only where that CRD is installed). */
public final class ServiceMonitorDependent {
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String KIND = "ServiceMonitor";
    public static final String CRD = "servicemonitors.monitoring.coreos.com";

    private ServiceMonitorDependent() {}

    public static GenericKubernetesResource desired(HelpDesk hd) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withMetadata(Owned.meta(hd, Names.app(hd), AppDependents.COMPONENT))
                .withAdditionalProperties(Map.of("spec", Map.of(
                        // the app's Service (port http) and the worker's (port metrics); each endpoint matches one of them
                        "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "helpdesk",
                                        "app.kubernetes.io/instance", hd.getMetadata().getName()),
                                "matchExpressions", List.of(Map.of("key", Labels.COMPONENT, "operator", "In",
                                        "values", List.of(AppDependents.COMPONENT, WorkerDependent.COMPONENT)))),
                        "endpoints", List.of(Map.of("port", "http", "path", "/q/metrics", "interval", "30s"),
                                Map.of("port", "metrics", "path", "/q/metrics", "interval", "30s")))))
                .build();
    }
}
