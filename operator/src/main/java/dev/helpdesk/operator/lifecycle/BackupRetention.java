package dev.helpdesk.operator.lifecycle;

import dev.helpdesk.operator.api.BackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which scheduled backups retention deletes (restic's rules, in UTC): the newest keepLast, plus
 * the newest of each of the keepDaily most recent days, keepWeekly ISO weeks and keepMonthly
 * months that have one. The newest success is always kept; failed scheduled backups older than
 * it go; manual, pre-upgrade and pre-restore backups and unfinished ones are never touched.
 */
public final class BackupRetention {
    private BackupRetention() {}

    public static List<HelpDeskBackup> surplus(List<HelpDeskBackup> backups, BackupSpec.Retention retention) {
        List<HelpDeskBackup> scheduled = backups.stream()
                .filter(b -> HelpDeskBackupSpec.SCHEDULED.equals(b.getSpec().reason()))
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(BackupRetention::completed).reversed()).toList();
        List<HelpDeskBackup> succeeded = scheduled.stream().filter(b -> HelpDeskBackupStatus.SUCCEEDED.equals(b.phase())).toList();
        Set<HelpDeskBackup> keep = new HashSet<>();
        succeeded.stream().limit(Math.max(1, retention.keepLast)).forEach(keep::add);
        keepNewestPer(succeeded, retention.keepDaily, d -> d.toString(), keep);
        keepNewestPer(succeeded, retention.keepWeekly, d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), keep);
        keepNewestPer(succeeded, retention.keepMonthly, d -> d.getYear() + "-" + d.getMonthValue(), keep);

        List<HelpDeskBackup> out = new ArrayList<>();
        succeeded.stream().filter(b -> !keep.contains(b)).forEach(out::add);
        Instant newestSuccess = succeeded.isEmpty() ? null : completed(succeeded.get(0));
        scheduled.stream().filter(b -> HelpDeskBackupStatus.FAILED.equals(b.phase()))
                .filter(b -> newestSuccess != null && completed(b).isBefore(newestSuccess)).forEach(out::add);
        return out;
    }

    private static void keepNewestPer(List<HelpDeskBackup> newestFirst, int periods, Function<LocalDate, String> period,
                                      Set<HelpDeskBackup> keep) {
        Set<String> seen = new HashSet<>();
        for (HelpDeskBackup b : newestFirst) {
            if (seen.size() >= periods) {
                return;
            }
            if (seen.add(period.apply(LocalDate.ofInstant(completed(b), ZoneOffset.UTC)))) {
                keep.add(b);
            }
        }
    }

    /** When it finished; an unfinished one counts as now (newest). */
    public static Instant completed(HelpDeskBackup b) {
        String at = b.getStatus() == null ? null : b.getStatus().completedAt;
        if (at == null) {
            at = b.getMetadata().getCreationTimestamp();
        }
        return at == null ? Instant.MAX : Instant.parse(at);
    }
}
