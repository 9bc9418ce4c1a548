package dev.helpdesk.app.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;

public record Organization(long id, String name, @Schema(nullable = true) String domain, Instant createdAt, Instant updatedAt, long version) {}
