package dev.helpdesk.app.ticket;

import dev.helpdesk.app.storage.Attachment;
import java.time.Instant;
import java.util.List;

/** A public reply or an internal note ({@code public == false}, never shown to customers). */
public record Comment(long id, long ticketId, long authorId, String authorName, String body,
                      @com.fasterxml.jackson.annotation.JsonProperty("public") boolean isPublic,
                      Instant createdAt, List<Attachment> attachments) {}
