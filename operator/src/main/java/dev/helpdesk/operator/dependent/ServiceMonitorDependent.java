package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;

/** A Prometheus Operator ServiceMonitor scraping the app's /q/metrics (only where that CRD is installed). */
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
                        "selector", Map.of("matchLabels", Labels.selector(hd, AppDependents.COMPONENT)),
                        "endpoints", List.of(Map.of("port", "http", "path", "/q/metrics", "interval", "30s")))))
                .build();
    }
}
