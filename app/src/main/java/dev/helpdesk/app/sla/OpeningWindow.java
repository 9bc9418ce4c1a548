package dev.helpdesk.app.sla;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * Open from {@code start} on {@code day} until {@code end}, local time. An end at or before the
 * start means the window crosses midnight and closes on the next day; 00:00–00:00 is a full day.
 */
public record OpeningWindow(DayOfWeek day, LocalTime start, LocalTime end) {
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }
}
