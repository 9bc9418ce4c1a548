package dev.helpdesk.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Whether one of the Prometheus Operator's CRDs is installed; asked at most once a minute. */
final class MonitoringSupport {
    private static final long TTL_MS = 60_000;
    private final KubernetesClient client;
    private final String crd;
    private volatile boolean installed;
    private volatile long checkedAt;

    MonitoringSupport(KubernetesClient client, String crd) {
        this.client = client;
        this.crd = crd;
    }

    boolean installed() {
        long now = System.currentTimeMillis();
        if (now - checkedAt > TTL_MS) {
            try {
                installed = client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
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
