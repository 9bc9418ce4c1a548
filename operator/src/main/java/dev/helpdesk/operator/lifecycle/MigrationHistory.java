package dev.helpdesk.operator.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Finished migration Jobs beyond the history limits, oldest first: what to delete. The current
 * attempt's Job and running Jobs are always kept; ttlSecondsAfterFinished is not used because the
 * status needs a failed Job (and its pod's termination message) to explain the failure.
 */
public final class MigrationHistory {
    private MigrationHistory() {}

    public static List<Job> surplus(Collection<Job> migrations, Collection<Pod> pods, String current, int keepSucceeded, int keepFailed) {
        List<Job> succeeded = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        for (Job job : migrations) {
            switch (MigrationState.of(java.util.Optional.of(job), pods).phase()) {
                case SUCCEEDED -> succeeded.add(job);
                case FAILED -> failed.add(job);
                default -> { }
            }
        }
        List<Job> out = new ArrayList<>();
        out.addAll(beyond(succeeded, keepSucceeded));
        out.addAll(beyond(failed, keepFailed));
        out.removeIf(job -> job.getMetadata().getName().equals(current));
        return out;
    }

    /** All but the {@code keep} newest (by creation time, then name). */
    private static List<Job> beyond(List<Job> jobs, int keep) {
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparing((Job j) -> String.valueOf(j.getMetadata().getCreationTimestamp()))
                .thenComparing(j -> j.getMetadata().getName()).reversed());
        return sorted.size() <= keep ? List.of() : sorted.subList(keep, sorted.size());
    }
}
