package dev.helpdesk.app.queue;

import java.util.Map;

/**
 * A unit of background work. {@code id} is stable across retries and redeliveries, so handlers
 * can make their effect happen once (e.g. one email per event).
 */
public record Job(String id, String type, Map<String, String> payload, int attempt) {
    public Job nextAttempt() {
        return new Job(id, type, payload, attempt + 1);
    }
}
