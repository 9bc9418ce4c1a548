package dev.helpdesk.app.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Adding business minutes and measuring them back agree, for any calendar, zone and start. */
class BusinessCalendarPropertiesTest {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"));

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<OpeningWindow> window = Combinators.combine(
                Arbitraries.of(DayOfWeek.values()),
                Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, (h % 2) * 30)),
                Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, (h % 2) * 30)))
                .as(OpeningWindow::new);
        Arbitrary<Set<LocalDate>> holidays = Arbitraries.integers().between(0, 400)
                .map(d -> LocalDate.of(2026, 1, 1).plusDays(d)).set().ofMaxSize(20);
        return Combinators.combine(Arbitraries.of(ZONES), window.list().ofMinSize(1).ofMaxSize(8), holidays)
                .as((zone, windows, days) -> new BusinessCalendar(zone, new ArrayList<>(windows), days));
    }

    @Provide
    Arbitrary<Instant> starts() {
        return Arbitraries.longs().between(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2027-12-31T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Property(tries = 300)
    void addThenMeasureRoundTrips(@ForAll("calendars") BusinessCalendar cal, @ForAll("starts") Instant start,
                                  @ForAll @LongRange(min = 0, max = 5_000) long minutes) {
        Instant due = cal.addBusinessMinutes(start, minutes);
        assertThat(due).isAfterOrEqualTo(start);
        assertThat(cal.businessMinutesBetween(start, due)).isEqualTo(minutes);
    }

    @Property(tries = 300)
    void addingIsMonotonicAndLandsInsideBusinessHours(@ForAll("calendars") BusinessCalendar cal, @ForAll("starts") Instant start,
                                                      @ForAll @LongRange(min = 1, max = 5_000) long minutes) {
        Instant a = cal.addBusinessMinutes(start, minutes);
        Instant b = cal.addBusinessMinutes(start, minutes + 1);
        assertThat(b).isAfter(a);
        assertThat(cal.isOpen(a.minusSeconds(1))).as("the last counted second is open time").isTrue();
    }

    /** The fast arithmetic (precomputed week, whole-week skips) answers exactly what the day-by-day walk answers. */
    @Property(tries = 2000)
    void theFastArithmeticAgreesWithTheDayByDayWalk(@ForAll("calendars") BusinessCalendar cal, @ForAll("subSecondStarts") Instant start,
                                                    @ForAll("amounts") Duration amount) {
        Instant walked;
        try {
            walked = cal.addBusinessTimeByDays(start, amount);
        } catch (BusinessCalendar.OutOfReachException e) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cal.addBusinessTime(start, amount))
                    .isInstanceOf(BusinessCalendar.OutOfReachException.class);
            return;
        }
        assertThat(cal.addBusinessTime(start, amount)).as("%s from %s plus %s", cal, start, amount).isEqualTo(walked);
    }

    /** Measuring business time the fast way gives exactly what the day-by-day walk gives, across DST changes and holidays. */
    @Property(tries = 2000)
    void theFastDurationAgreesWithTheDayByDayWalk(@ForAll("calendars") BusinessCalendar cal, @ForAll("subSecondStarts") Instant from,
                                                  @ForAll("amounts") Duration span) {
        Instant to = from.plus(span.dividedBy(5)); // a fifth of a year at most: long runs, yet many of them per second
        assertThat(cal.businessDuration(from, to)).as("%s from %s to %s", cal, from, to).isEqualTo(cal.businessDurationByDays(from, to));
    }

    /** Minutes up to a year of business time, and odd seconds and nanoseconds (clocks resume mid-minute). */
    @Provide
    Arbitrary<Duration> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 3_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 200_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 10_000_000_000_000L).map(Duration::ofNanos));
    }

    @Provide
    Arbitrary<Instant> subSecondStarts() {
        return starts().flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(s::plusNanos));
    }
}
