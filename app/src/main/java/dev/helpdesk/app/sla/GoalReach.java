package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A business-hours goal must fit into {@link #WEEKS} weeks of its calendar's opening hours. With
 * holidays bounded too, every deadline then lies well inside what a calendar computes, so a
 * configuration accepted here can never make a ticket's SLA incomputable.
 */
final class GoalReach {
    static final int WEEKS = 52;

    private GoalReach() {}

    /** Field errors for the goals that do not fit, named {@code <prefix><priority>.<metric>.minutes}. */
    static List<FieldError> check(Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets, BusinessCalendar calendar, String prefix) {
        long weekly = calendar.weeklyOpenMinutes();
        long fits = weekly * WEEKS;
        List<FieldError> out = new ArrayList<>();
        targets.forEach((priority, goals) -> goals.forEach((metric, goal) -> {
            if (goal.businessHours() && goal.minutes() > fits) {
                out.add(new FieldError(prefix + priority + "." + metric + ".minutes", goal.minutes()
                        + " business minutes need more than " + WEEKS + " weeks of a calendar open " + weekly
                        + " minutes a week; at most " + fits + " fit"));
            }
        }));
        return out;
    }
}
