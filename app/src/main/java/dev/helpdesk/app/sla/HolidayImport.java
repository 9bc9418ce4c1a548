package dev.helpdesk.app.sla;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holidays from an iCalendar file (RFC 5545): every VEVENT's DTSTART date, through the day
 * before DTEND when the event spans several days. Recurrence rules are not expanded: public
 * holiday feeds list each year's dates as events.
 */
public final class HolidayImport {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private HolidayImport() {}

    public static Set<LocalDate> parse(String ics) {
        Set<LocalDate> out = new TreeSet<>();
        LocalDate start = null;
        LocalDate end = null;
        boolean inEvent = false;
        for (String line : unfold(ics)) {
            String upper = line.toUpperCase();
            if (upper.equals("BEGIN:VEVENT")) {
                inEvent = true;
                start = null;
                end = null;
            } else if (upper.equals("END:VEVENT")) {
                if (start == null) {
                    throw new IllegalArgumentException("a VEVENT has no DTSTART");
                }
                LocalDate last = end == null || !end.isAfter(start) ? start : end.minusDays(1);
                for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
                    out.add(d);
                }
                inEvent = false;
            } else if (inEvent && upper.startsWith("DTSTART")) {
                start = date(line);
            } else if (inEvent && upper.startsWith("DTEND")) {
                end = date(line);
            }
        }
        return out;
    }

    private static LocalDate date(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        String day = value.length() >= 8 ? value.substring(0, 8) : value;
        try {
            return LocalDate.parse(day, BASIC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + line + "' has no date like 20261225");
        }
    }

    /** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
    private static List<String> unfold(String ics) {
        List<String> lines = new ArrayList<>();
        for (String raw : ics.split("\r?\n")) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + raw.substring(1));
            } else if (!raw.isBlank()) {
                lines.add(raw.trim());
            }
        }
        return lines;
    }
}
