package dev.helpdesk.app.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A calendar's week precomputed for arithmetic: the open spans of each weekday in seconds after
 * local midnight, the open seconds of a whole week, and the holidays as sorted epoch days. A day
 * inside a stretch of constant UTC offset is then plain addition; a week with no holiday and no
 * offset change is skipped whole. Days that hold an offset change are left to the calendar's own
 * day-by-day rules, so DST is handled exactly as there.
 */
final class BusinessWeek {
    private static final long DAY = 86_400;
    private final ZoneRules rules;
    /** Per ISO weekday (index 0 = Monday): start, end, start, end… in seconds after midnight, merged and ordered. */
    private final long[][] spans = new long[7][];
    private final long weekSeconds;
    private final long[] holidays;
    /** The stretch used last: due dates cluster in time, so most lookups end here (an immutable record, safe to share racily). */
    private Stretch recent;

    BusinessWeek(ZoneId zone, List<OpeningWindow> windows, Set<LocalDate> holidayDates) {
        this.rules = zone.getRules();
        // a zone without offset changes gives each weekday's spans as seconds after its midnight
        BusinessCalendar plain = new BusinessCalendar(ZoneOffset.UTC, windows, Set.of());
        LocalDate monday = LocalDate.of(2024, 1, 1);
        long week = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            LocalDate date = monday.plusDays(d.getValue() - 1L);
            long midnight = date.toEpochDay() * DAY;
            List<BusinessCalendar.Interval> open = plain.openOn(date);
            long[] s = new long[open.size() * 2];
            for (int i = 0; i < open.size(); i++) {
                s[2 * i] = open.get(i).start().getEpochSecond() - midnight;
                s[2 * i + 1] = open.get(i).end().getEpochSecond() - midnight;
                week += s[2 * i + 1] - s[2 * i];
            }
            spans[d.getValue() - 1] = s;
        }
        this.weekSeconds = week;
        this.holidays = holidayDates.stream().mapToLong(LocalDate::toEpochDay).sorted().toArray();
    }

    long weekSeconds() {
        return weekSeconds;
    }

    /** Whether epoch day {@code day} is a holiday. */
    boolean holiday(long day) {
        return Arrays.binarySearch(holidays, day) >= 0;
    }

    /** Whether any of the {@code days} epoch days from {@code day} is a holiday. */
    boolean holidayWithin(long day, long days) {
        int i = Arrays.binarySearch(holidays, day);
        int next = i >= 0 ? i : -i - 1;
        return next < holidays.length && holidays[next] < day + days;
    }

    /** The open spans of a plain (not holiday, no offset change) weekday, {@code 0} = Monday. */
    long[] spans(int weekday) {
        return spans[weekday];
    }

    /** A stretch of time at one UTC offset: [start, end) in epoch seconds. */
    record Stretch(long start, long end, int offset) {
        /** The epoch second local midnight of {@code day} falls on, if the whole local day lies in this stretch; else MIN_VALUE. */
        long plainDayStart(long day) {
            long s = day * DAY - offset;
            return s >= start && s + DAY <= end ? s : Long.MIN_VALUE;
        }
    }

    /** The epoch day, in the calendar's zone, that holds {@code epochSecond}. */
    long localDay(long epochSecond) {
        Stretch s = recent;
        int offset = s != null && epochSecond >= s.start() && epochSecond < s.end() ? s.offset()
                : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return Math.floorDiv(epochSecond + offset, DAY);
    }

    /** The stretch that holds local midnight of epoch day {@code day}. */
    Stretch stretchOfDay(long day) {
        Stretch s = recent;
        // no offset change within a day of midnight at this stretch's offset: the stretch the full lookup below would find
        if (s != null && day * DAY - s.offset() - DAY >= s.start() && day * DAY - s.offset() + DAY < s.end()) {
            return s;
        }
        s = stretchAt(day * DAY - rules.getOffset(Instant.ofEpochSecond(day * DAY)).getTotalSeconds());
        recent = s;
        return s;
    }

    /** The stretch of constant offset that holds {@code epochSecond}. */
    Stretch stretchAt(long epochSecond) {
        Instant t = Instant.ofEpochSecond(epochSecond);
        int offset = rules.getOffset(t).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(t);
        ZoneOffsetTransition previous = rules.previousTransition(t.plusSeconds(1));
        return new Stretch(previous == null ? Long.MIN_VALUE / 2 : previous.toEpochSecond(),
                next == null ? Long.MAX_VALUE / 2 : next.toEpochSecond(), offset);
    }
}
