package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.CalendarDefinition;
import java.time.LocalDate;
import java.util.List;

/** A business calendar as the list shows it: opening hours in words, holidays as dates. */
public record CalendarRow(CalendarDefinition calendar, List<String> hours, List<LocalDate> holidays) {

    static CalendarRow of(CalendarDefinition c) {
        List<String> hours = c.windows().stream().map(w -> w.day() + " " + w.start() + "–" + w.end()
                + (w.end().compareTo(w.start()) <= 0 ? (w.end().equals(w.start()) ? " (24 h)" : " (next day)") : "")).toList();
        return new CalendarRow(c, hours, c.holidays());
    }
}
