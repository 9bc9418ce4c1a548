package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.dependent.ServiceMonitorDependent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Whether the Prometheus Operator's ServiceMonitor CRD is installed; asked at most once a minute. */
final class MonitoringSupport {
    private static final long TTL_MS = 60_000;
    private final KubernetesClient client;
    private volatile boolean installed;
    private volatile long checkedAt;

    MonitoringSupport(KubernetesClient client) {
        this.client = client;
    }

    boolean installed() {
        long now = System.currentTimeMillis();
        if (now - checkedAt > TTL_MS) {
            try {
                installed = client.apiextensions().v1().customResourceDefinitions().withName(ServiceMonitorDependent.CRD).get() != null;
            } catch (KubernetesClientException e) {
                installed = false; // no permission to read CRDs counts as absent
            }
            checkedAt = now;
        }
        return installed;
    }

    /** The last answer, without asking again. */
    boolean knownInstalled() {
        return installed;
    }
}
