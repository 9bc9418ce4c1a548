package dev.helpdesk.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.audit.AuditEvent;
import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;

/** A ticket's history on its page: each change as "field: old → new" (or "field: value" when it was set). */
@TemplateExtension
final class AuditFormat {
    private AuditFormat() {}

    static String summary(AuditEvent event) {
        List<String> parts = new ArrayList<>();
        event.changes().fields().forEachRemaining(f -> {
            JsonNode from = f.getValue().path("from");
            JsonNode to = f.getValue().path("to");
            parts.add(from.isMissingNode() || from.isNull() ? f.getKey() + ": " + shown(to)
                    : f.getKey() + ": " + shown(from) + " → " + shown(to));
        });
        return String.join("; ", parts);
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "none" : value.isTextual() ? value.asText() : value.toString();
    }
}
