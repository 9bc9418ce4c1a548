package dev.helpdesk.app.directory;

import java.time.Instant;

public record Organization(long id, String name, String domain, Instant createdAt, Instant updatedAt, long version) {}
