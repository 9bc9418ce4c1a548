package dev.helpdesk.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Names the first pod-level problem (CrashLoopBackOff, ImagePullBackOff, unschedulable) so describe shows it. */
public final class PodTrouble {
    private static final Set<String> BAD_WAITING = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "InvalidImageName", "CreateContainerError");

    private PodTrouble() {}

    public static Optional<String> find(Collection<Pod> pods, String component) {
        for (Pod p : pods) {
            if (p.getMetadata().getLabels() == null || !component.equals(p.getMetadata().getLabels().get("app.kubernetes.io/component"))
                    || p.getStatus() == null) {
                continue;
            }
            List<ContainerStatus> statuses = p.getStatus().getContainerStatuses() == null ? List.of() : p.getStatus().getContainerStatuses();
            for (ContainerStatus cs : statuses) {
                if (cs.getState() != null && cs.getState().getWaiting() != null && BAD_WAITING.contains(cs.getState().getWaiting().getReason())) {
                    String msg = cs.getState().getWaiting().getMessage();
                    return Optional.of("pod " + p.getMetadata().getName() + ": " + cs.getState().getWaiting().getReason()
                            + (msg == null ? "" : " (" + msg + ")"));
                }
            }
            if (p.getStatus().getConditions() != null) {
                for (var c : p.getStatus().getConditions()) {
                    // a pod waits a moment for its new volume to bind: only a lasting wait is a problem worth a Warning
                    if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())
                            && lasting(c.getLastTransitionTime())) {
                        return Optional.of("pod " + p.getMetadata().getName() + " cannot be scheduled: " + c.getMessage());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether some pod waits to be scheduled: it may become a problem without any further event, so look again soon. */
    public static boolean someUnscheduled(Collection<Pod> pods) {
        return pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
                .flatMap(p -> p.getStatus().getConditions().stream())
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()));
    }

    static final java.time.Duration GRACE = java.time.Duration.ofSeconds(30);

    /** Whether a wait that began at {@code since} (an API timestamp) has outlasted {@link #GRACE}; unknown counts as lasting. */
    static boolean lasting(String since) {
        try {
            return since == null || java.time.Instant.parse(since).isBefore(java.time.Instant.now().minus(GRACE));
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }
}
