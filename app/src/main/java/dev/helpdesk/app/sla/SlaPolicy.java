package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.helpdesk.app.ticket.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An SLA policy: applies to tickets matching all its conditions (an empty list matches anything);
 * policies are tried in {@code position} order and the first match wins, so a policy without
 * conditions at the end is the fallback.
 */
public record SlaPolicy(long id, String name, int position, boolean active, @Schema(nullable = true) Long calendarId, Conditions conditions,
                        Map<Priority, Map<SlaMetric, Goal>> targets, Instant createdAt, Instant updatedAt, long version) {

    @Schema(name = "SlaConditions")
    public record Conditions(List<Priority> priorities, List<Long> organizationIds, List<Long> groupIds, List<String> tags) {
        /** Stored conditions may lack a list (older rows, '{}' defaults): that is "any", an empty list. */
        public Conditions {
            priorities = priorities == null ? List.of() : priorities;
            organizationIds = organizationIds == null ? List.of() : organizationIds;
            groupIds = groupIds == null ? List.of() : groupIds;
            tags = tags == null ? List.of() : tags;
        }

        public static Conditions none() {
            return new Conditions(List.of(), List.of(), List.of(), List.of());
        }

        boolean matches(Priority priority, Long organizationId, Long groupId, List<String> ticketTags) {
            return (priorities.isEmpty() || priorities.contains(priority))
                    && (organizationIds.isEmpty() || organizationIds.contains(organizationId))
                    && (groupIds.isEmpty() || groupIds.contains(groupId))
                    && (tags.isEmpty() || ticketTags.stream().anyMatch(tags::contains));
        }
    }

    /** Minutes for one clock, in business hours (the policy's calendar) or calendar time. */
    @Schema(name = "SlaGoal")
    public record Goal(long minutes, boolean businessHours) {}

    public List<SlaTarget> targetsFor(Priority priority) {
        Map<SlaMetric, Goal> goals = targets.get(priority);
        if (goals == null) {
            return List.of();
        }
        return goals.entrySet().stream().map(e -> new SlaTarget(e.getKey(), e.getValue().minutes(), e.getValue().businessHours()))
                .sorted(java.util.Comparator.comparing(SlaTarget::metric)).toList();
    }
}
