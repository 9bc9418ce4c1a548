package dev.helpdesk.operator.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/** What a migration Job says: running, succeeded (with the schema version) or failed (with why). */
public record MigrationState(Phase phase, String schemaVersion, String message, String serverMajor) {
    public enum Phase { ABSENT, RUNNING, SUCCEEDED, FAILED }

    public static MigrationState of(Optional<Job> job, Collection<Pod> pods) {
        if (job.isEmpty()) {
            return new MigrationState(Phase.ABSENT, null, null, null);
        }
        var status = job.get().getStatus();
        String name = job.get().getMetadata().getName();
        Optional<JsonNode> result = terminationMessage(name, pods);
        if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new MigrationState(Phase.SUCCEEDED, result.map(r -> r.path("schemaVersion").asText(null)).orElse(null), null,
                    result.map(r -> r.path("serverMajor").asText(null)).orElse(null));
        }
        boolean failed = (status != null && status.getFailed() != null && status.getFailed() > 0)
                || (status != null && status.getConditions() != null && status.getConditions().stream()
                        .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())));
        if (failed) {
            String why = result.map(r -> r.path("error").asText(null))
                    .or(() -> status.getConditions() == null ? Optional.empty() : status.getConditions().stream()
                            .filter(c -> "Failed".equals(c.getType())).map(c -> c.getMessage()).findFirst())
                    .orElse("the migration pod failed");
            return new MigrationState(Phase.FAILED, null, why, null);
        }
        return new MigrationState(Phase.RUNNING, null, null, null);
    }

    /** The JSON result line the migrate role leaves in its container's termination message (DESIGN §4.5). */
    static Optional<JsonNode> terminationMessage(String jobName, Collection<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getLabels() != null && jobName.equals(p.getMetadata().getLabels().get("job-name")))
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .filter(cs -> cs.getState() != null && cs.getState().getTerminated() != null
                        && cs.getState().getTerminated().getMessage() != null)
                .map(cs -> cs.getState().getTerminated().getMessage())
                .map(JobResult::jsonLine)
                .flatMap(Optional::stream)
                .findFirst();
    }
}
