package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.SlaMetric;
import dev.helpdesk.app.sla.SlaPolicy;
import dev.helpdesk.app.ticket.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An SLA policy as the list shows it: names instead of ids, goals per priority in words. */
public record PolicyRow(SlaPolicy policy, String calendar, String conditions, List<Goals> targets) {

    /** The goals of one priority, each "60 min" or "—". */
    public record Goals(String priority, String firstResponse, String nextResponse, String resolution) {}

    static PolicyRow of(SlaPolicy p, Map<Long, String> calendars, Map<Long, String> organizations, Map<Long, String> groups) {
        List<String> conditions = new ArrayList<>();
        SlaPolicy.Conditions c = p.conditions();
        if (!c.priorities().isEmpty()) {
            conditions.add("priority " + String.join(" or ", c.priorities().stream().map(Priority::toString).toList()));
        }
        if (!c.organizationIds().isEmpty()) {
            conditions.add("organization " + String.join(" or ", c.organizationIds().stream()
                    .map(id -> organizations.getOrDefault(id, "#" + id)).toList()));
        }
        if (!c.groupIds().isEmpty()) {
            conditions.add("group " + String.join(" or ", c.groupIds().stream().map(id -> groups.getOrDefault(id, "#" + id)).toList()));
        }
        if (!c.tags().isEmpty()) {
            conditions.add("tagged " + String.join(" or ", c.tags()));
        }
        List<Goals> goals = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            Map<SlaMetric, SlaPolicy.Goal> g = p.targets().get(priority);
            if (g != null) {
                goals.add(new Goals(priority.toString(), goal(g.get(SlaMetric.FIRST_RESPONSE)), goal(g.get(SlaMetric.NEXT_RESPONSE)),
                        goal(g.get(SlaMetric.RESOLUTION))));
            }
        }
        String calendar = p.calendarId() == null ? "around the clock" : calendars.getOrDefault(p.calendarId(), "#" + p.calendarId());
        return new PolicyRow(p, calendar, conditions.isEmpty() ? "every ticket" : String.join("; ", conditions), goals);
    }

    private static String goal(SlaPolicy.Goal g) {
        if (g == null) {
            return "—";
        }
        return duration(g.minutes()) + (g.businessHours() ? " (business hours)" : "");
    }

    /** 45 min, 2 h, 1 h 30 min, 3 d 4 h: minutes as people say them. */
    static String duration(long minutes) {
        long d = minutes / 1440;
        long h = minutes % 1440 / 60;
        long m = minutes % 60;
        List<String> parts = new ArrayList<>();
        if (d > 0) {
            parts.add(d + " d");
        }
        if (h > 0) {
            parts.add(h + " h");
        }
        if (m > 0 || parts.isEmpty()) {
            parts.add(m + " min");
        }
        return String.join(" ", parts);
    }
}
