package dev.helpdesk.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line for status and Events from an exception: the API server's own words when it refused something. */
final class ErrorMessages {
    private static final int MAX = 500;

    private ErrorMessages() {}

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof KubernetesClientException)) {
            root = root.getCause();
        }
        String message;
        if (root instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            message = k.getStatus().getMessage() + " (HTTP " + k.getCode() + ")";
        } else {
            message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > MAX ? message.substring(0, MAX - 1) + "…" : message;
    }
}
