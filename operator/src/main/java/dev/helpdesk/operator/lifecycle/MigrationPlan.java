package dev.helpdesk.operator.lifecycle;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which migration attempt the spec's version is at, kept in status (not read back from Jobs, so a
 * stale cache cannot start an attempt twice). A new version starts at attempt 1; a failed attempt
 * is retried only when asked: a new value of the annotation {@value #RETRY_ANNOTATION}. Unrelated
 * spec edits never re-run a failed migration. The one automatic retry: an attempt that started
 * beside a database that was not ready yet, and failed, runs once more when the database is ready
 * (its failure says nothing about the migration).
 */
public final class MigrationPlan {
    public static final String RETRY_ANNOTATION = "helpdesk.dev/retry-migration";

    private MigrationPlan() {}

    /** The attempt to run or watch now. */
    public static HelpDeskStatus.Migration current(HelpDesk hd, Function<String, Optional<Job>> jobs, Collection<Job> migrationJobs,
                                                   Collection<Pod> pods, boolean databaseReady) {
        String version = hd.getSpec().version;
        String request = retryRequest(hd);
        HelpDeskStatus.Migration last = hd.getStatus() == null ? null : hd.getStatus().migration;
        if (last == null || !version.equals(last.version) || last.attempt == null) {
            // a version deployed before may have left its Job: this is a new migration of today's database, not that one
            return attempt(hd, version, nextAttempt(version, last, migrationJobs), request);
        }
        boolean failed = MigrationState.of(jobs.apply(last.job), pods).phase() == MigrationState.Phase.FAILED;
        if (failed && request != null && !request.equals(last.retryRequest)) {
            return attempt(hd, version, last.attempt + 1, request);
        }
        if (failed && Boolean.TRUE.equals(last.startedBeforeDatabase) && databaseReady) {
            return attempt(hd, version, last.attempt + 1, last.retryRequest);
        }
        HelpDeskStatus.Migration same = attempt(hd, version, last.attempt, last.retryRequest);
        same.startedBeforeDatabase = last.startedBeforeDatabase;
        return same;
    }

    /** A failed attempt that will run again by itself once the database is ready. */
    public static boolean retriesWhenDatabaseReady(HelpDeskStatus.Migration attempt, MigrationState state) {
        return state.phase() == MigrationState.Phase.FAILED && Boolean.TRUE.equals(attempt.startedBeforeDatabase);
    }

    /** Higher than every attempt at {@code version} still known (status, or a Job left), so its Job name is new. */
    public static int nextAttempt(String version, HelpDeskStatus.Migration last, Collection<Job> jobs) {
        int highest = last != null && version.equals(last.version) && last.attempt != null ? last.attempt : 0;
        for (Job job : jobs) {
            var annotations = job.getMetadata().getAnnotations();
            if (annotations != null && version.equals(annotations.get(dev.helpdesk.operator.dependent.MigrationJobDependent.VERSION_ANNOTATION))) {
                String name = job.getMetadata().getName();
                try {
                    highest = Math.max(highest, Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        return highest + 1;
    }

    private static HelpDeskStatus.Migration attempt(HelpDesk hd, String version, int attempt, String request) {
        HelpDeskStatus.Migration m = new HelpDeskStatus.Migration();
        m.version = version;
        m.attempt = attempt;
        m.job = Names.migration(hd, version, attempt);
        m.retryRequest = request;
        return m;
    }

    /** The value of the retry annotation, if set. */
    public static String retryRequest(HelpDesk hd) {
        Map<String, String> annotations = hd.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(RETRY_ANNOTATION);
        return value == null || value.isBlank() ? null : value;
    }
}
