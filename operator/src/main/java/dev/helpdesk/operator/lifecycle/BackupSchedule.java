package dev.helpdesk.operator.lifecycle;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.helpdesk.operator.api.HelpDeskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When scheduled backups come due (cron, UTC). The next due time is kept in status; a run is
 * taken only within {@link #STARTING_DEADLINE} of its time, so after downtime the missed runs are
 * skipped, not replayed (as a CronJob with startingDeadlineSeconds). A run that comes due while
 * a backup of the same HelpDesk is still going is skipped too.
 */
public final class BackupSchedule {
    public static final Duration STARTING_DEADLINE = Duration.ofMinutes(5);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** What to do now: {@code run} (the due time to back up for) or {@code skipped} (why not), and the state to keep. */
    public record Decision(HelpDeskStatus.BackupSchedule state, Instant run, String skipped, Duration untilNext) {}

    private BackupSchedule() {}

    public static boolean isSet(String schedule) {
        return schedule != null && !schedule.isBlank();
    }

    /** Why {@code schedule} is not a 5-field cron expression, or empty when it is. */
    public static Optional<String> problem(String schedule) {
        try {
            PARSER.parse(schedule.trim()).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("backup.schedule '" + schedule + "' is not a cron expression of 5 fields (minute hour day-of-month month"
                    + " day-of-week, e.g. '0 2 * * *'): " + e.getMessage());
        }
    }

    public static Decision decide(String schedule, HelpDeskStatus.BackupSchedule previous, Instant now, String running) {
        ExecutionTime times = ExecutionTime.forCron(PARSER.parse(schedule.trim()));
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        Instant next = times.nextExecution(at).map(ZonedDateTime::toInstant).orElse(null);
        HelpDeskStatus.BackupSchedule state = new HelpDeskStatus.BackupSchedule();
        state.schedule = schedule;
        state.nextScheduleTime = next == null ? null : next.toString();
        Duration untilNext = next == null ? null : Duration.between(now, next);
        if (previous == null || !schedule.equals(previous.schedule) || previous.nextScheduleTime == null) {
            return new Decision(state, null, null, untilNext); // a new schedule starts from now: nothing is due yet
        }
        Instant expected = Instant.parse(previous.nextScheduleTime);
        if (now.isBefore(expected)) {
            state.lastScheduleTime = previous.lastScheduleTime;
            state.nextScheduleTime = previous.nextScheduleTime;
            return new Decision(state, null, null, Duration.between(now, expected));
        }
        // the newest time that came due; any earlier ones since `expected` were missed with it
        Instant due = times.lastExecution(at.plusSeconds(1)).map(ZonedDateTime::toInstant).orElse(expected);
        if (due.isBefore(expected)) {
            due = expected;
        }
        state.lastScheduleTime = due.toString();
        if (Duration.between(due, now).compareTo(STARTING_DEADLINE) > 0) {
            return new Decision(state, null, "the scheduled backup of " + due + " was missed (the operator was not running then); it is"
                    + " skipped, not replayed; next at " + next, untilNext);
        }
        if (running != null) {
            return new Decision(state, null, "the scheduled backup of " + due + " is skipped: backup " + running
                    + " is still running; next at " + next, untilNext);
        }
        return new Decision(state, due, null, untilNext);
    }

    /** The time between two runs after {@code now}: backups older than two of these are overdue. */
    public static Duration period(String schedule, Instant now) {
        ExecutionTime times = ExecutionTime.forCron(PARSER.parse(schedule.trim()));
        ZonedDateTime first = times.nextExecution(now.atZone(ZoneOffset.UTC)).orElseThrow();
        ZonedDateTime second = times.nextExecution(first).orElseThrow();
        return Duration.between(first, second).truncatedTo(ChronoUnit.SECONDS);
    }
}
