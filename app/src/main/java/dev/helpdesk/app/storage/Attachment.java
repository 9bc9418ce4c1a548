package dev.helpdesk.app.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored file; {@code commentId} is null when it belongs to the ticket's description rather than a comment. */
public record Attachment(long id, long ticketId, @Schema(nullable = true) Long commentId, String filename, String contentType, long sizeBytes,
                         String sha256, Instant createdAt, @JsonIgnore String storageKey) {

    @JsonProperty("downloadUrl")
    public String downloadUrl() {
        return "/api/v1/attachments/" + id;
    }
}
