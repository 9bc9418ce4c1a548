package dev.helpdesk.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.api.HelpDeskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {
    private static final String NIGHTLY = "0 2 * * *";

    private static HelpDeskStatus.BackupSchedule state(String next) {
        HelpDeskStatus.BackupSchedule s = new HelpDeskStatus.BackupSchedule();
        s.schedule = NIGHTLY;
        s.nextScheduleTime = next;
        return s;
    }

    @Test
    void aNewScheduleRunsNothingUntilItsFirstTime() {
        var d = BackupSchedule.decide(NIGHTLY, null, Instant.parse("2026-12-01T02:01:00Z"), null);
        assertThat(d.run()).isNull();
        assertThat(d.skipped()).isNull();
        assertThat(d.state().nextScheduleTime).isEqualTo("2026-12-02T02:00:00Z");
        assertThat(d.untilNext()).isEqualTo(Duration.ofHours(23).plusMinutes(59));
    }

    @Test
    void aDueRunIsTakenWithinTheStartingDeadline() {
        var d = BackupSchedule.decide(NIGHTLY, state("2026-12-02T02:00:00Z"), Instant.parse("2026-12-02T02:03:00Z"), null);
        assertThat(d.run()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(d.state().lastScheduleTime).isEqualTo("2026-12-02T02:00:00Z");
        assertThat(d.state().nextScheduleTime).isEqualTo("2026-12-03T02:00:00Z");
    }

    @Test
    void runsMissedWhileTheOperatorWasDownAreSkippedNotReplayed() {
        var d = BackupSchedule.decide(NIGHTLY, state("2026-12-02T02:00:00Z"), Instant.parse("2026-12-05T09:00:00Z"), null);
        assertThat(d.run()).isNull();
        assertThat(d.skipped()).contains("2026-12-05T02:00:00Z").contains("missed").contains("not replayed");
        assertThat(d.state().lastScheduleTime).isEqualTo("2026-12-05T02:00:00Z");
        assertThat(d.state().nextScheduleTime).isEqualTo("2026-12-06T02:00:00Z");
    }

    @Test
    void aRunDueWhileABackupIsStillGoingIsSkipped() {
        var d = BackupSchedule.decide(NIGHTLY, state("2026-12-02T02:00:00Z"), Instant.parse("2026-12-02T02:00:10Z"), "support-20261201-020000");
        assertThat(d.run()).isNull();
        assertThat(d.skipped()).contains("backup support-20261201-020000 is still running");
    }

    @Test
    void beforeItsTimeNothingChanges() {
        HelpDeskStatus.BackupSchedule before = state("2026-12-02T02:00:00Z");
        before.lastScheduleTime = "2026-12-01T02:00:00Z";
        var d = BackupSchedule.decide(NIGHTLY, before, Instant.parse("2026-12-02T01:59:00Z"), null);
        assertThat(d.state()).isEqualTo(before);
        assertThat(d.untilNext()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badExpressionsAreNamed() {
        assertThat(BackupSchedule.problem("0 2 * *")).hasValueSatisfying(p -> assertThat(p).contains("backup.schedule '0 2 * *'")
                .contains("5 fields"));
        assertThat(BackupSchedule.problem("61 2 * * *")).isPresent();
        assertThat(BackupSchedule.problem("*/15 * * * 1-5")).isEmpty();
        assertThat(BackupSchedule.period(NIGHTLY, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(Duration.ofDays(1));
    }
}
