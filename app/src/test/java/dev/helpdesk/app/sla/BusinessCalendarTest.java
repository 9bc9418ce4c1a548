package dev.helpdesk.app.sla;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static BusinessCalendar officeHours(ZoneId zone, Set<LocalDate> holidays) {
        List<OpeningWindow> w = new ArrayList<>();
        for (DayOfWeek d : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
            w.add(new OpeningWindow(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        return new BusinessCalendar(zone, w, holidays);
    }

    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void aTicketCreatedOutsideHoursStartsAtTheNextOpening() {
        BusinessCalendar cal = officeHours(BERLIN, Set.of());
        // Friday 18:00 → Monday 09:00; 60 business minutes → Monday 10:00
        assertThat(cal.nextOpening(at(BERLIN, "2026-11-20T18:00"))).isEqualTo(at(BERLIN, "2026-11-23T09:00"));
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-20T18:00"), 60)).isEqualTo(at(BERLIN, "2026-11-23T10:00"));
        // Monday 07:30 → 09:00 + 30
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-23T07:30"), 30)).isEqualTo(at(BERLIN, "2026-11-23T09:30"));
        // spills over the evening: Monday 16:30 + 60 → Tuesday 09:30
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-23T16:30"), 60)).isEqualTo(at(BERLIN, "2026-11-24T09:30"));
        assertThat(cal.businessMinutesBetween(at(BERLIN, "2026-11-20T16:00"), at(BERLIN, "2026-11-23T10:00"))).isEqualTo(120);
    }

    @Test
    void windowsThatCrossMidnightCountOnBothDays() {
        // night shift: Mon–Fri 22:00–06:00
        List<OpeningWindow> nights = new ArrayList<>();
        for (DayOfWeek d : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
            nights.add(new OpeningWindow(d, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        }
        BusinessCalendar cal = new BusinessCalendar(BERLIN, nights, Set.of());
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-23T23:00"), 120)).isEqualTo(at(BERLIN, "2026-11-24T01:00"));
        assertThat(cal.isOpen(at(BERLIN, "2026-11-24T05:59"))).isTrue();
        assertThat(cal.isOpen(at(BERLIN, "2026-11-24T06:00"))).isFalse();
        // Friday night runs into Saturday morning, then closed until Monday 22:00
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-28T05:00"), 90)).isEqualTo(at(BERLIN, "2026-11-30T22:30"));
        assertThat(cal.businessMinutesBetween(at(BERLIN, "2026-11-23T21:00"), at(BERLIN, "2026-11-24T07:00"))).isEqualTo(8 * 60);
    }

    @Test
    void twentyFourSevenHasNoGapAtMidnight() {
        BusinessCalendar cal = BusinessCalendar.always(BERLIN);
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2026-11-23T23:30"), 60)).isEqualTo(at(BERLIN, "2026-11-24T00:30"));
        assertThat(cal.businessMinutesBetween(at(BERLIN, "2026-11-23T00:00"), at(BERLIN, "2026-11-30T00:00"))).isEqualTo(7 * 24 * 60);
        assertThat(cal.isOpen(at(BERLIN, "2026-11-24T00:00"))).isTrue();
    }

    @Test
    void aHolidayOnAFridayBeforeAWeekendPushesToMonday() {
        // Good Friday 2027-03-26 (Berlin): Thursday 16:00 + 120 → Monday 10:00
        BusinessCalendar cal = officeHours(BERLIN, Set.of(LocalDate.parse("2027-03-26")));
        assertThat(cal.addBusinessMinutes(at(BERLIN, "2027-03-25T16:00"), 120)).isEqualTo(at(BERLIN, "2027-03-29T10:00"));
        assertThat(cal.businessMinutesBetween(at(BERLIN, "2027-03-25T16:00"), at(BERLIN, "2027-03-29T10:00"))).isEqualTo(120);
    }

    @Test
    void springForwardInBerlinKeepsAWholeWorkingDayAndShortensA24HourDay() {
        // 2027-03-28 02:00 → 03:00 local; a Monday-to-Sunday 24/7 day has 23 real hours
        BusinessCalendar always = BusinessCalendar.always(BERLIN);
        assertThat(always.businessMinutesBetween(at(BERLIN, "2027-03-28T00:00"), at(BERLIN, "2027-03-29T00:00"))).isEqualTo(23 * 60);
        assertThat(always.addBusinessMinutes(at(BERLIN, "2027-03-28T01:30"), 60)).isEqualTo(at(BERLIN, "2027-03-28T03:30"));
        // office hours on the Monday after: still 8 hours
        BusinessCalendar office = officeHours(BERLIN, Set.of());
        assertThat(office.addBusinessMinutes(at(BERLIN, "2027-03-26T16:00"), 120)).isEqualTo(at(BERLIN, "2027-03-29T10:00"));
    }

    @Test
    void fallBackInBerlinLengthensA24HourDay() {
        // 2026-10-25 03:00 → 02:00 local
        BusinessCalendar always = BusinessCalendar.always(BERLIN);
        assertThat(always.businessMinutesBetween(at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00"))).isEqualTo(25 * 60);
    }

    @Test
    void bothTransitionsInNewYork() {
        // spring forward 2027-03-14 02:00 → 03:00; fall back 2026-11-01 02:00 → 01:00
        BusinessCalendar always = BusinessCalendar.always(NEW_YORK);
        assertThat(always.businessMinutesBetween(at(NEW_YORK, "2027-03-14T00:00"), at(NEW_YORK, "2027-03-15T00:00"))).isEqualTo(23 * 60);
        assertThat(always.businessMinutesBetween(at(NEW_YORK, "2026-11-01T00:00"), at(NEW_YORK, "2026-11-02T00:00"))).isEqualTo(25 * 60);
        // a night window 22:00–06:00 across spring forward is 7 real hours
        List<OpeningWindow> nights = List.of(new OpeningWindow(SATURDAY, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        BusinessCalendar cal = new BusinessCalendar(NEW_YORK, nights, Set.of());
        assertThat(cal.businessMinutesBetween(at(NEW_YORK, "2027-03-13T12:00"), at(NEW_YORK, "2027-03-14T12:00"))).isEqualTo(7 * 60);
        // office hours either side of fall back are unaffected
        BusinessCalendar office = officeHours(NEW_YORK, Set.of());
        assertThat(office.addBusinessMinutes(at(NEW_YORK, "2026-10-30T16:00"), 120)).isEqualTo(at(NEW_YORK, "2026-11-02T10:00"));
    }

    @Test
    void aCalendarWithoutAnyOpenTimeIsAnError() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, List.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
        BusinessCalendar sundaysOnly = new BusinessCalendar(BERLIN, List.of(new OpeningWindow(SUNDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))),
                Set.of());
        assertThat(sundaysOnly.addBusinessMinutes(at(BERLIN, "2026-11-23T09:00"), 61)).isEqualTo(at(BERLIN, "2026-12-06T09:01"));
    }

    @Test
    void holidaysImportFromICalendar() {
        String ics = """
                BEGIN:VCALENDAR
                VERSION:2.0
                BEGIN:VEVENT
                SUMMARY:Christmas
                DTSTART;VALUE=DATE:20261225
                DTEND;VALUE=DATE:20261227
                END:VEVENT
                BEGIN:VEVENT
                SUMMARY:New Year
                DTSTART;VALUE=DATE:20270101
                END:VEVENT
                END:VCALENDAR
                """;
        assertThat(HolidayImport.parse(ics)).containsExactly(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"),
                LocalDate.parse("2027-01-01"));
        assertThatThrownBy(() -> HolidayImport.parse("BEGIN:VEVENT\nDTSTART:someday\nEND:VEVENT"))
                .hasMessageContaining("DTSTART:someday");
    }
}
