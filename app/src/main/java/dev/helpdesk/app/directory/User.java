package dev.helpdesk.app.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.helpdesk.app.auth.Role;
import java.time.Instant;

public record User(long id, String email, String name, Role role, @Schema(nullable = true) Long organizationId, boolean active,
                   Instant createdAt, Instant updatedAt, long version) {}
