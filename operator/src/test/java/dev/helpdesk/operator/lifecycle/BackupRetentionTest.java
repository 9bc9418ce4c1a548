package dev.helpdesk.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.api.BackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupRetentionTest {
    private static HelpDeskBackup backup(String name, String reason, String phase, Instant completed) {
        HelpDeskBackup b = new HelpDeskBackup();
        b.setMetadata(new ObjectMetaBuilder().withName(name).build());
        b.getSpec().reason = reason;
        b.setStatus(new HelpDeskBackupStatus());
        b.getStatus().phase = phase;
        b.getStatus().completedAt = completed == null ? null : completed.toString();
        return b;
    }

    private static BackupSpec.Retention keep(int last, int daily, int weekly, int monthly) {
        BackupSpec.Retention r = new BackupSpec.Retention();
        r.keepLast = last;
        r.keepDaily = daily;
        r.keepWeekly = weekly;
        r.keepMonthly = monthly;
        return r;
    }

    private static List<String> names(List<HelpDeskBackup> backups) {
        return backups.stream().map(b -> b.getMetadata().getName()).sorted().toList();
    }

    /** 120 nightly backups ending 2026-12-03 (a Thursday). */
    private static List<HelpDeskBackup> nightly() {
        List<HelpDeskBackup> out = new ArrayList<>();
        Instant last = Instant.parse("2026-12-03T02:01:00Z");
        for (int i = 0; i < 120; i++) {
            Instant at = last.minus(i, ChronoUnit.DAYS);
            out.add(backup("n-" + at.toString().substring(0, 10), HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.SUCCEEDED, at));
        }
        return out;
    }

    @Test
    void keepsTheLastTheDailyTheWeeklyAndTheMonthlyOnes() {
        List<HelpDeskBackup> all = nightly();
        List<String> deleted = names(BackupRetention.surplus(all, keep(2, 4, 3, 3)));
        List<String> kept = all.stream().map(b -> b.getMetadata().getName()).filter(n -> !deleted.contains(n)).sorted().toList();
        // last 2 and daily 4: Dec 3..Nov 30; weekly 3: newest of ISO weeks 49 (Dec 3), 48 (Nov 29), 47 (Nov 22);
        // monthly 3: newest of December (Dec 3), November (Nov 30), October (Oct 31)
        assertThat(kept).containsExactly("n-2026-10-31", "n-2026-11-22", "n-2026-11-29", "n-2026-11-30", "n-2026-12-01", "n-2026-12-02",
                "n-2026-12-03");
    }

    @Test
    void onlyScheduledFinishedBackupsAreTouchedAndTheNewestSuccessAlwaysStays() {
        Instant t = Instant.parse("2026-12-03T02:00:00Z");
        List<HelpDeskBackup> all = List.of(
                backup("old-scheduled", HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.SUCCEEDED, t.minus(3, ChronoUnit.DAYS)),
                backup("newest-scheduled", HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.SUCCEEDED, t),
                backup("old-failure", HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.FAILED, t.minus(2, ChronoUnit.DAYS)),
                backup("new-failure", HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.FAILED, t.plus(1, ChronoUnit.HOURS)),
                backup("running", HelpDeskBackupSpec.SCHEDULED, HelpDeskBackupStatus.RUNNING, null),
                backup("manual", HelpDeskBackupSpec.MANUAL, HelpDeskBackupStatus.SUCCEEDED, t.minus(300, ChronoUnit.DAYS)),
                backup("before-upgrade", HelpDeskBackupSpec.PRE_UPGRADE, HelpDeskBackupStatus.SUCCEEDED, t.minus(300, ChronoUnit.DAYS)));
        assertThat(names(BackupRetention.surplus(all, keep(0, 0, 0, 0)))).containsExactly("old-failure", "old-scheduled");
    }
}
