package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An SLA policy: applies to tickets matching all its conditions (an empty list matches anything);
 * policies are tried in {@code position} order and the first match wins, so a policy without
 * conditions at the end is the fallback.
 */
public record SlaPolicy(long id, String name, int position, boolean active, Long calendarId, Conditions conditions,
                        Map<Priority, Map<SlaMetric, Goal>> targets, Instant createdAt, Instant updatedAt, long version) {

    public record Conditions(List<Priority> priorities, List<Long> organizationIds, List<Long> groupIds, List<String> tags) {
        public static Conditions none() {
            return new Conditions(List.of(), List.of(), List.of(), List.of());
        }

        boolean matches(Priority priority, Long organizationId, Long groupId, List<String> ticketTags) {
            return (priorities == null || priorities.isEmpty() || priorities.contains(priority))
                    && (organizationIds == null || organizationIds.isEmpty() || organizationIds.contains(organizationId))
                    && (groupIds == null || groupIds.isEmpty() || groupIds.contains(groupId))
                    && (tags == null || tags.isEmpty() || ticketTags.stream().anyMatch(tags::contains));
        }
    }

    /** Minutes for one clock, in business hours (the policy's calendar) or calendar time. */
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
