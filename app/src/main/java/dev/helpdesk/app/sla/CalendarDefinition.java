package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** A business calendar as stored and as the admin API shows it. */
public record CalendarDefinition(long id, String name, String timeZone, List<Window> windows, List<LocalDate> holidays, long version) {

    /** day: monday…sunday; start/end as HH:mm, an end at or before the start crosses midnight. */
    @Schema(name = "CalendarWindow")
    public record Window(String day, String start, String end) {}

    public BusinessCalendar toCalendar() {
        return new BusinessCalendar(ZoneId.of(timeZone), windows.stream().map(w -> new OpeningWindow(
                DayOfWeek.valueOf(w.day().toUpperCase()), LocalTime.parse(w.start()), LocalTime.parse(w.end()))).toList(),
                Set.copyOf(holidays));
    }
}
