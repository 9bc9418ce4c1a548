package dev.helpdesk.operator.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/**
 * What a Job of the app's one-off roles says (DESIGN §4.5): running, succeeded with its result
 * line, or failed with why (the result line's error, else the Job's condition).
 */
public record JobResult(Phase phase, JsonNode result, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Phase { RUNNING, SUCCEEDED, FAILED }

    public static JobResult of(Job job, Collection<Pod> pods) {
        var status = job.getStatus();
        JsonNode line = resultLine(pods).orElse(JSON.createObjectNode());
        if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new JobResult(Phase.SUCCEEDED, line, null);
        }
        boolean failed = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
        if (failed) {
            String why = line.hasNonNull("error") ? line.get("error").asText()
                    : status.getConditions().stream().filter(c -> "Failed".equals(c.getType()))
                            .map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("the pod failed");
            return new JobResult(Phase.FAILED, line, why);
        }
        return new JobResult(Phase.RUNNING, line, null);
    }

    /** The last JSON line of the last terminated container's message (the result line), if any pod left one. */
    public static Optional<JsonNode> resultLine(Collection<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getStatus() != null)
                .flatMap(p -> java.util.stream.Stream.concat(
                        p.getStatus().getInitContainerStatuses() == null ? java.util.stream.Stream.empty()
                                : p.getStatus().getInitContainerStatuses().stream(),
                        p.getStatus().getContainerStatuses() == null ? java.util.stream.Stream.empty()
                                : p.getStatus().getContainerStatuses().stream()))
                .filter(cs -> cs.getState() != null && cs.getState().getTerminated() != null
                        && cs.getState().getTerminated().getMessage() != null)
                .map(cs -> parse(cs.getName(), cs.getState().getTerminated().getMessage()))
                .flatMap(Optional::stream)
                .reduce((first, second) -> second);
    }

    /** The app's roles print one JSON line; pg_dump in the init container leaves plain text (its error) when it fails. */
    private static Optional<JsonNode> parse(String container, String message) {
        String text = message.trim();
        return jsonLine(text).or(() -> text.isEmpty() ? Optional.empty() : Optional.of(JSON.createObjectNode().put("error", container + ": " + text)));
    }

    /** The last line of a termination message that is a JSON object: a role's result line (DESIGN §4.5). */
    static Optional<JsonNode> jsonLine(String message) {
        String[] lines = message.trim().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].trim();
            if (line.startsWith("{")) {
                try {
                    return Optional.of(JSON.readTree(line));
                } catch (Exception ignored) {
                    // not the result line
                }
            }
        }
        return Optional.empty();
    }
}
