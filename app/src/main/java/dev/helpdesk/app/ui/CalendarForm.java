package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.BusinessCalendarResource.CalendarInput;
import dev.helpdesk.app.sla.BusinessCalendarResource.WindowInput;
import dev.helpdesk.app.sla.Weekday;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The business calendar form as typed, and its translation into the API's create body
 * ({@link CalendarInput}). One opening window per weekday (the API takes several; a day left
 * empty is closed); holidays one date per line. An error about the n-th window is shown at the
 * weekday that window came from.
 */
public final class CalendarForm {
    /** One weekday's inputs with what was typed and its error. */
    public record Day(String day, String label, String start, String end, String error) {}

    public String name = "";
    public String timeZone = "UTC";
    public String holidays = "";
    final Map<Weekday, String[]> hours = new EnumMap<>(Weekday.class);
    /** Which weekday each window of the body came from, to put an error about windows[i] next to that day. */
    private final List<Weekday> windowDays = new ArrayList<>();

    static CalendarForm officeHours() {
        CalendarForm f = new CalendarForm();
        for (Weekday d : Weekday.values()) {
            boolean weekday = d != Weekday.SATURDAY && d != Weekday.SUNDAY;
            f.hours.put(d, new String[] {weekday ? "09:00" : "", weekday ? "17:00" : ""});
        }
        return f;
    }

    static CalendarForm from(MultivaluedMap<String, String> form) {
        CalendarForm f = new CalendarForm();
        f.name = PolicyForm.first(form, "name");
        f.timeZone = PolicyForm.first(form, "timeZone").trim();
        f.holidays = PolicyForm.first(form, "holidays");
        for (Weekday d : Weekday.values()) {
            f.hours.put(d, new String[] {PolicyForm.first(form, d + ".start").trim(), PolicyForm.first(form, d + ".end").trim()});
        }
        return f;
    }

    CalendarInput toInput(Map<String, String> errors) {
        List<WindowInput> windows = new ArrayList<>();
        windowDays.clear();
        for (Weekday d : Weekday.values()) {
            String[] h = hours.get(d);
            if (h[0].isEmpty() && h[1].isEmpty()) {
                continue;
            }
            if (h[0].isEmpty() || h[1].isEmpty()) {
                errors.putIfAbsent("windows." + d, "Enter both the opening and the closing time, or neither (closed).");
                continue;
            }
            windows.add(new WindowInput(d, h[0], h[1]));
            windowDays.add(d);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (String line : holidays.split("[\\s,;]+")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                dates.add(LocalDate.parse(line.trim()));
            } catch (DateTimeParseException e) {
                errors.putIfAbsent("holidays", "“" + line.trim() + "” is not a date like 2026-12-25.");
            }
        }
        return new CalendarInput(name, timeZone, windows, dates);
    }

    /** The form field of an API error path: {@code windows[2].start} is the third window's weekday. */
    String field(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^windows\\[([0-9]+)].*").matcher(path);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            return i < windowDays.size() ? "windows." + windowDays.get(i) : "windows";
        }
        return path.replaceAll("\\[[0-9]*].*$", "");
    }

    List<Day> days(Map<String, String> errors) {
        List<Day> out = new ArrayList<>();
        for (Weekday d : Weekday.values()) {
            String[] h = hours.getOrDefault(d, new String[] {"", ""});
            String label = Character.toUpperCase(d.toString().charAt(0)) + d.toString().substring(1);
            out.add(new Day(d.toString(), label, h[0], h[1], errors.get("windows." + d)));
        }
        return out;
    }
}
