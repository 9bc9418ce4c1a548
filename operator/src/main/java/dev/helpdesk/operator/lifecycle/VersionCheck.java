package dev.helpdesk.operator.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/** What a version's {@code migrate --dry-run} answered: still running, failed, or its schema range and whether it can serve the database. */
public record VersionCheck(State state, String schemaVersion, String oldestServable, String reason) {
    public enum State { RUNNING, FAILED, CAN_SERVE, CANNOT_SERVE }

    public static VersionCheck of(Optional<Job> job, Collection<Pod> pods) {
        if (job.isEmpty()) {
            return new VersionCheck(State.RUNNING, null, null, null);
        }
        String name = job.get().getMetadata().getName();
        JobResult result = JobResult.of(job.get(), pods.stream()
                .filter(p -> p.getMetadata().getLabels() != null && name.equals(p.getMetadata().getLabels().get("job-name"))).toList());
        JsonNode r = result.result();
        return switch (result.phase()) {
            case RUNNING -> new VersionCheck(State.RUNNING, null, null, null);
            case FAILED -> new VersionCheck(State.FAILED, null, null, result.error());
            case SUCCEEDED -> new VersionCheck(r.path("canServe").asBoolean(true) ? State.CAN_SERVE : State.CANNOT_SERVE,
                    r.path("schemaVersion").asText(null), r.path("oldestServable").asText(null), r.path("reason").asText(null));
        };
    }
}
