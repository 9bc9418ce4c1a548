package dev.helpdesk.app.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Business time: opening windows per weekday in one IANA time zone, minus holidays.
 *
 * <p>Arithmetic walks local dates and turns each day's open intervals into instants with the
 * zone's rules, so a window on a DST day lasts what the clock on the wall says (a 09:00–17:00
 * window is 8 hours on either transition day, a 24-hour day is 23 or 25 hours). A holiday closes
 * every open minute that falls on its local date, including the tail of a window that began the
 * evening before.
 */
public final class BusinessCalendar {
    private static final int MAX_DAYS = 366 * 10;

    private final ZoneId zone;
    private final List<OpeningWindow> windows;
    private final Set<LocalDate> holidays;
    private BusinessWeek week; // built on first use: BusinessWeek itself builds a plain calendar

    public BusinessCalendar(ZoneId zone, List<OpeningWindow> windows, Set<LocalDate> holidays) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one opening window");
        }
        this.zone = zone;
        this.windows = List.copyOf(windows);
        this.holidays = Set.copyOf(holidays);
    }

    private BusinessWeek week() {
        BusinessWeek w = week;
        if (w == null) {
            w = new BusinessWeek(zone, windows, holidays);
            week = w;
        }
        return w;
    }

    /** Minutes open in a week of this calendar's windows (overlaps counted once; holidays and DST aside). */
    public long weeklyOpenMinutes() {
        int week = 7 * 24 * 60;
        java.util.BitSet open = new java.util.BitSet(week);
        for (OpeningWindow w : windows) {
            int start = (w.day().getValue() - 1) * 1440 + w.start().toSecondOfDay() / 60;
            int length = w.crossesMidnight() ? 1440 - w.start().toSecondOfDay() / 60 + w.end().toSecondOfDay() / 60
                    : (w.end().toSecondOfDay() - w.start().toSecondOfDay()) / 60;
            for (int m = 0; m < length; m++) {
                open.set((start + m) % week);
            }
        }
        return open.cardinality();
    }

    /** A deadline this calendar cannot place: too few open hours within the ten years it looks ahead. */
    public static final class OutOfReachException extends IllegalStateException {
        OutOfReachException(String message) {
            super(message);
        }
    }

    /** Open around the clock, every day, no holidays: business time equals calendar time. */
    public static BusinessCalendar always(ZoneId zone) {
        List<OpeningWindow> all = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            all.add(new OpeningWindow(d, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        }
        return new BusinessCalendar(zone, all, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** An open stretch of real time. */
    record Interval(Instant start, Instant end) {}

    /** The open intervals whose time falls on local date {@code date}, in order, merged where they touch. */
    List<Interval> openOn(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Interval> raw = new ArrayList<>();
        for (OpeningWindow w : windows) {
            if (w.day() == date.getDayOfWeek()) {
                Instant start = at(date, w.start());
                Instant end = w.crossesMidnight() ? dayEnd : at(date, w.end());
                raw.add(new Interval(start, end));
            }
            if (w.crossesMidnight() && w.day() == date.minusDays(1).getDayOfWeek() && !w.end().equals(LocalTime.MIDNIGHT)) {
                raw.add(new Interval(dayStart, at(date, w.end())));
            }
        }
        raw.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : raw) {
            if (!i.end().isAfter(i.start())) {
                continue;
            }
            if (!merged.isEmpty() && !i.start().isAfter(merged.get(merged.size() - 1).end())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start(), i.end().isAfter(last.end()) ? i.end() : last.end()));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }

    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The instant {@code minutes} business minutes after {@code from}; 0 minutes gives the next open instant. */
    public Instant addBusinessMinutes(Instant from, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative");
        }
        return addBusinessTime(from, Duration.ofMinutes(minutes));
    }

    /**
     * The instant when {@code amount} of business time has passed after {@code from}: days at one
     * UTC offset are added from the precomputed week, whole weeks without holidays or offset
     * changes are skipped at once, and only days holding an offset change are walked as before.
     */
    public Instant addBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative() || amount.getSeconds() > MAX_DAYS * 86_400L || Math.abs(from.getEpochSecond()) > FAST_UNTIL) {
            return addBusinessTimeByDays(from, amount);
        }
        BusinessWeek w = week();
        long fromNanos = from.getEpochSecond() * NANOS + from.getNano();
        long left = amount.toNanos();
        long day = w.localDay(from.getEpochSecond()) - 1;
        BusinessWeek.Stretch stretch = null;
        for (int i = 0; i < MAX_DAYS; i++, day++) {
            if (stretch == null || day * 86_400 - stretch.offset() >= stretch.end()) {
                stretch = w.stretchOfDay(day);
            }
            long dayStart = stretch.plainDayStart(day);
            if (dayStart == Long.MIN_VALUE) {
                // an offset change on this day: its open time as the day-by-day rules place it
                for (Interval open : openOn(LocalDate.ofEpochDay(day))) {
                    long end = nanos(open.end());
                    if (end <= fromNanos) {
                        continue;
                    }
                    long start = Math.max(nanos(open.start()), fromNanos);
                    if (end - start >= left) {
                        return instant(start + left);
                    }
                    left -= end - start;
                }
                stretch = null;
                continue;
            }
            if (dayStart * NANOS >= fromNanos && left > w.weekSeconds() * NANOS && w.weekSeconds() > 0
                    && stretch.plainDayStart(day + 6) != Long.MIN_VALUE && !w.holidayWithin(day, 7)) {
                left -= w.weekSeconds() * NANOS; // a whole plain week: no need to look at its days
                day += 6;
                i += 6;
                continue;
            }
            if (w.holiday(day)) {
                continue;
            }
            long[] spans = w.spans(Math.floorMod(day + 3, 7)); // epoch day 0 was a Thursday
            for (int k = 0; k < spans.length; k += 2) {
                long end = (dayStart + spans[k + 1]) * NANOS;
                if (end <= fromNanos) {
                    continue;
                }
                long start = Math.max((dayStart + spans[k]) * NANOS, fromNanos);
                if (end - start >= left) {
                    return instant(start + left);
                }
                left -= end - start;
            }
        }
        throw new OutOfReachException(amount.toMinutes() + " business minutes do not fit into " + MAX_DAYS
                + " days of this calendar; check its windows and holidays");
    }

    private static final long NANOS = 1_000_000_000L;
    /** Epoch nanoseconds fit a long until 2262; beyond ±2200 the day-by-day walk answers. */
    private static final long FAST_UNTIL = 7_258_118_400L;

    private static long nanos(Instant t) {
        return t.getEpochSecond() * NANOS + t.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    /** The same as {@link #addBusinessTime}, one local day at a time: the reference the fast arithmetic is tested against. */
    Instant addBusinessTimeByDays(Instant from, Duration amount) {
        Duration left = amount;
        long minutes = amount.toMinutes();
        LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            for (Interval open : openOn(date)) {
                if (!open.end().isAfter(from)) {
                    continue;
                }
                Instant start = open.start().isBefore(from) ? from : open.start();
                Duration available = Duration.between(start, open.end());
                if (available.compareTo(left) >= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new OutOfReachException(minutes + " business minutes do not fit into " + MAX_DAYS
                + " days of this calendar; check its windows and holidays");
    }

    /** The next instant at or after {@code from} that is inside business hours. */
    public Instant nextOpening(Instant from) {
        return addBusinessMinutes(from, 0);
    }

    /** Business time between two instants, in whole minutes (negative when {@code to} is before {@code from}). */
    public long businessMinutesBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return -businessMinutesBetween(to, from);
        }
        return businessDuration(from, to).toMinutes();
    }

    /**
     * Business time between two instants ({@code to} at or after {@code from}), with the arithmetic of
     * {@link #addBusinessTime}: plain days from the precomputed week, whole plain weeks at once, days
     * holding an offset change by the day-by-day rules.
     */
    public Duration businessDuration(Instant from, Instant to) {
        if (Duration.between(from, to).getSeconds() > MAX_DAYS * 86_400L || Math.abs(from.getEpochSecond()) > FAST_UNTIL
                || Math.abs(to.getEpochSecond()) > FAST_UNTIL) {
            return businessDurationByDays(from, to);
        }
        BusinessWeek w = week();
        long fromNanos = nanos(from);
        long toNanos = nanos(to);
        long total = 0;
        long last = w.localDay(to.getEpochSecond());
        BusinessWeek.Stretch stretch = null;
        for (long day = w.localDay(from.getEpochSecond()) - 1; day <= last; day++) {
            if (stretch == null || day * 86_400 - stretch.offset() >= stretch.end()) {
                stretch = w.stretchOfDay(day);
            }
            long dayStart = stretch.plainDayStart(day);
            if (dayStart == Long.MIN_VALUE) {
                // an offset change on this day: its open time as the day-by-day rules place it
                for (Interval open : openOn(LocalDate.ofEpochDay(day))) {
                    total += overlap(nanos(open.start()), nanos(open.end()), fromNanos, toNanos);
                }
                stretch = null;
                continue;
            }
            if (dayStart * NANOS >= fromNanos && (dayStart + 7 * 86_400L) * NANOS <= toNanos
                    && stretch.plainDayStart(day + 6) != Long.MIN_VALUE && !w.holidayWithin(day, 7)) {
                total += w.weekSeconds() * NANOS; // a whole plain week inside the range
                day += 6;
                continue;
            }
            if (w.holiday(day)) {
                continue;
            }
            long[] spans = w.spans(Math.floorMod(day + 3, 7)); // epoch day 0 was a Thursday
            for (int k = 0; k < spans.length; k += 2) {
                total += overlap((dayStart + spans[k]) * NANOS, (dayStart + spans[k + 1]) * NANOS, fromNanos, toNanos);
            }
        }
        return Duration.ofNanos(total);
    }

    /** Nanoseconds [start, end) and [from, to) share. */
    private static long overlap(long start, long end, long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }

    /** The same as {@link #businessDuration}, one local day at a time: the reference the fast arithmetic is tested against. */
    Duration businessDurationByDays(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            for (Interval open : openOn(date)) {
                Instant s = open.start().isBefore(from) ? from : open.start();
                Instant e = open.end().isAfter(to) ? to : open.end();
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + ", " + windows + ", " + holidays.size() + " holidays]";
    }

    public boolean isOpen(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        for (Interval open : openOn(date)) {
            if (!t.isBefore(open.start()) && t.isBefore(open.end())) {
                return true;
            }
        }
        return false;
    }
}
