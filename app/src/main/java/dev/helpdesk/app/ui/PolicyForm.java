package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.SlaMetric;
import dev.helpdesk.app.sla.SlaPolicyResource.ConditionsInput;
import dev.helpdesk.app.sla.SlaPolicyResource.GoalInput;
import dev.helpdesk.app.sla.SlaPolicyResource.GoalsInput;
import dev.helpdesk.app.sla.SlaPolicyResource.PolicyInput;
import dev.helpdesk.app.sla.SlaPolicyResource.TargetsInput;
import dev.helpdesk.app.ticket.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA policy form as typed, and its translation into the API's create body
 * ({@link PolicyInput}) — the API validates and saves it. Every goal counts business hours of the
 * chosen calendar, or around the clock when none is chosen (the API allows a mix; the form keeps
 * to one choice per policy). Field names follow the API's error paths, so an error lands next to
 * its field: {@code name}, {@code position}, {@code calendarId}, {@code conditions.priorities},
 * {@code targets.normal.first_response}, …
 */
public final class PolicyForm {
    static final String ORGANIZATIONS = "conditions.organizationIds";
    static final String GROUPS = "conditions.groupIds";
    static final String PRIORITIES = "conditions.priorities";
    static final String TAGS = "conditions.tags";

    /** One priority's row of goal inputs. */
    public record TargetRow(String priority, List<TargetCell> cells) {}

    /** One goal input: its form name ({@code targets.<priority>.<metric>}), label, typed value and error. */
    public record TargetCell(String name, String label, String value, String error) {}

    public String name = "";
    public String position = "";
    public String calendarId = "";
    public boolean active = true;
    List<String> priorities = List.of();
    List<String> organizationIds = List.of();
    List<String> groupIds = List.of();
    public String tags = "";
    final Map<String, String> minutes = new HashMap<>();

    static PolicyForm from(MultivaluedMap<String, String> form) {
        PolicyForm f = new PolicyForm();
        f.name = first(form, "name");
        f.position = first(form, "position");
        f.calendarId = first(form, "calendarId");
        f.active = "on".equals(first(form, "active"));
        f.priorities = all(form, PRIORITIES);
        f.organizationIds = all(form, ORGANIZATIONS);
        f.groupIds = all(form, GROUPS);
        f.tags = first(form, TAGS);
        for (Priority p : Priority.values()) {
            for (SlaMetric m : SlaMetric.values()) {
                f.minutes.put(cell(p, m), first(form, cell(p, m)));
            }
        }
        return f;
    }

    /** The API's body for what was typed; what cannot even be read (letters for minutes) goes to {@code errors}. */
    PolicyInput toInput(Map<String, String> errors) {
        Long calendar = number(calendarId, "calendarId", "Choose a calendar from the list.", errors);
        Long pos = number(position, "position", "Enter a whole number (0 is first), or leave it empty for last.", errors);
        List<Priority> chosen = new ArrayList<>();
        for (String p : priorities) {
            try {
                chosen.add(Priority.parse(p));
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent(PRIORITIES, "Choose among low, normal, high and urgent.");
            }
        }
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        ConditionsInput conditions = new ConditionsInput(orNull(chosen), orNull(ids(organizationIds, ORGANIZATIONS, errors)),
                orNull(ids(groupIds, GROUPS, errors)), orNull(tagList));
        Boolean businessHours = calendar != null;
        Map<Priority, GoalsInput> goals = new HashMap<>();
        for (Priority p : Priority.values()) {
            GoalInput[] byMetric = new GoalInput[SlaMetric.values().length];
            for (SlaMetric m : SlaMetric.values()) {
                Long typed = number(minutes.get(cell(p, m)), cell(p, m), "Enter minutes as a whole number, or leave it empty.", errors);
                byMetric[m.ordinal()] = typed == null ? null : new GoalInput(typed, businessHours);
            }
            if (Arrays.stream(byMetric).anyMatch(g -> g != null)) {
                goals.put(p, new GoalsInput(byMetric[SlaMetric.FIRST_RESPONSE.ordinal()], byMetric[SlaMetric.NEXT_RESPONSE.ordinal()],
                        byMetric[SlaMetric.RESOLUTION.ordinal()]));
            }
        }
        TargetsInput targets = new TargetsInput(goals.get(Priority.LOW), goals.get(Priority.NORMAL), goals.get(Priority.HIGH),
                goals.get(Priority.URGENT));
        return new PolicyInput(name, pos == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, pos)), active, calendar, conditions, targets);
    }

    /**
     * The form field an API error path belongs to: {@code targets.normal.firstResponse.minutes} (the
     * record's) and {@code targets.normal.first_response.minutes} (the service's) are both the
     * normal/first response input; an element of a list is the list's input.
     */
    static String field(String path) {
        return path.replace("firstResponse", "first_response").replace("nextResponse", "next_response")
                .replaceAll("\\[[0-9]*].*$", "").replaceAll("\\.minutes$", "");
    }

    List<TargetRow> rows(Map<String, String> errors) {
        List<TargetRow> rows = new ArrayList<>();
        for (Priority p : Priority.values()) {
            List<TargetCell> cells = new ArrayList<>();
            for (SlaMetric m : SlaMetric.values()) {
                String name = cell(p, m);
                cells.add(new TargetCell(name, label(m) + " for " + p + " priority, minutes", minutes.getOrDefault(name, ""), errors.get(name)));
            }
            rows.add(new TargetRow(p.toString(), cells));
        }
        return rows;
    }

    List<Choice> priorityChoices() {
        return Arrays.stream(Priority.values()).map(p -> new Choice(p.toString(), p.toString(), priorities.contains(p.toString()))).toList();
    }

    static String cell(Priority p, SlaMetric m) {
        return "targets." + p + "." + m;
    }

    static String label(SlaMetric m) {
        return switch (m) {
            case FIRST_RESPONSE -> "First response";
            case NEXT_RESPONSE -> "Next response";
            case RESOLUTION -> "Resolution";
        };
    }

    private static Long number(String raw, String field, String message, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, message);
            return null;
        }
    }

    private static List<Long> ids(List<String> raw, String field, Map<String, String> errors) {
        List<Long> out = new ArrayList<>();
        for (String r : raw) {
            Long id = number(r, field, "Choose from the list.", errors);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    private static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    static String first(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    static List<String> all(MultivaluedMap<String, String> form, String name) {
        List<String> v = form.get(name);
        return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).toList();
    }
}
