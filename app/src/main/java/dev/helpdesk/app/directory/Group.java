package dev.helpdesk.app.directory;

import java.time.Instant;
import java.util.List;

/** A team of agents that tickets can be routed to. */
public record Group(long id, String name, List<Long> memberIds, Instant createdAt) {}
