package dev.helpdesk.operator.e2e;

import java.util.Map;

/** A metav1.Condition read from a HelpDesk's status without the operator's API classes (they change under the tests). */
public record StatusCondition(String type, String status, String reason, String message, String lastTransitionTime,
        Long observedGeneration) {

    static StatusCondition from(Map<?, ?> raw) {
        Object generation = raw.get("observedGeneration");
        return new StatusCondition(string(raw, "type"), string(raw, "status"), string(raw, "reason"), string(raw, "message"),
                string(raw, "lastTransitionTime"), generation instanceof Number n ? n.longValue() : null);
    }

    public boolean isTrue() {
        return "True".equals(status);
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ": " + message + ")";
    }

    private static String string(Map<?, ?> raw, String key) {
        Object value = raw.get(key);
        return value == null ? null : value.toString();
    }
}
