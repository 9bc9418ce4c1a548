package dev.helpdesk.operator.e2e;

import java.time.Instant;

/** One completed request from the API server's audit log (level Metadata: who did what to which object). */
public record AuditEntry(Instant received, String verb, String resource, String subresource, String namespace, String name,
        String userAgent, int code) {

    /** "patch deployments e2e-ab12cd/support-app" or "update helpdesks/status e2e-ab12cd/support": the grouping key of failure messages. */
    public String request() {
        String kind = subresource == null ? resource : resource + "/" + subresource;
        String object = namespace == null ? nullToEmpty(name) : namespace + "/" + nullToEmpty(name);
        return verb + " " + kind + " " + object;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
