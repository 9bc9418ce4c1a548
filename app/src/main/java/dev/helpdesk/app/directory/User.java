package dev.helpdesk.app.directory;

import dev.helpdesk.app.auth.Role;
import java.time.Instant;

public record User(long id, String email, String name, Role role, Long organizationId, boolean active,
                   Instant createdAt, Instant updatedAt, long version) {}
