package dev.helpdesk.app.sla;

import dev.helpdesk.app.web.SaneDate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holidays from an iCalendar file (RFC 5545): every VEVENT's DTSTART date, through the day
 * before DTEND when the event spans several days. Recurrence rules are not expanded: public
 * holiday feeds list each year's dates as events. An event longer than {@link #MAX_EVENT_DAYS}
 * is refused: it is almost always a typo in a year, and would close the desk for years.
 */
public final class HolidayImport {
    static final int MAX_EVENT_DAYS = 62;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private HolidayImport() {}

    public static Set<LocalDate> parse(String ics) {
        Set<LocalDate> out = new TreeSet<>();
        LocalDate start = null;
        LocalDate end = null;
        String summary = null;
        boolean inEvent = false;
        for (String line : unfold(ics)) {
            String upper = line.toUpperCase();
            if (upper.equals("BEGIN:VEVENT")) {
                inEvent = true;
                start = null;
                end = null;
                summary = null;
            } else if (upper.equals("END:VEVENT")) {
                if (start == null) {
                    throw new IllegalArgumentException("a VEVENT" + named(summary) + " has no DTSTART");
                }
                LocalDate last = end == null || !end.isAfter(start) ? start : end.minusDays(1);
                long days = ChronoUnit.DAYS.between(start, last) + 1;
                if (days > MAX_EVENT_DAYS) {
                    throw new IllegalArgumentException("the event" + named(summary) + " from " + start + " to " + last + " spans "
                            + days + " days; a holiday event may span at most " + MAX_EVENT_DAYS + " days (check the years)");
                }
                for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
                    out.add(d);
                }
                inEvent = false;
            } else if (inEvent && upper.startsWith("DTSTART")) {
                start = date(line);
            } else if (inEvent && upper.startsWith("DTEND")) {
                end = date(line);
            } else if (inEvent && upper.startsWith("SUMMARY")) {
                summary = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return out;
    }

    private static String named(String summary) {
        return summary == null || summary.isEmpty() ? "" : " '" + (summary.length() > 60 ? summary.substring(0, 60) + "…" : summary) + "'";
    }

    private static LocalDate date(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        String day = value.length() >= 8 ? value.substring(0, 8) : value;
        LocalDate date;
        try {
            date = LocalDate.parse(day, BASIC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + shorten(line) + "' has no date like 20261225");
        }
        if (!SaneDate.Range.contains(date)) {
            throw new IllegalArgumentException("'" + shorten(line) + "': holidays " + SaneDate.RANGE);
        }
        return date;
    }

    private static String shorten(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
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
