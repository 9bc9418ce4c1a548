package dev.helpdesk.app.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

public record Attachment(long id, long ticketId, long commentId, String filename, String contentType, long sizeBytes,
                         String sha256, Instant createdAt, @JsonIgnore String storageKey) {

    @JsonProperty("downloadUrl")
    public String downloadUrl() {
        return "/api/v1/attachments/" + id;
    }
}
