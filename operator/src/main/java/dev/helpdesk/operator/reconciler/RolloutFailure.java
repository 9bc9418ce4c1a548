package dev.helpdesk.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/** A Deployment's rollout of an image that the deployment controller gave up on (Progressing=False, ProgressDeadlineExceeded). */
final class RolloutFailure {
    private RolloutFailure() {}

    /** Why the rollout of {@code image} failed, if it did. */
    static Optional<String> of(Optional<Deployment> deployment, String image) {
        return deployment.filter(d -> image.equals(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()))
                .filter(d -> d.getStatus() != null && d.getStatus().getConditions() != null)
                .filter(d -> d.getMetadata().getGeneration() == null || d.getStatus().getObservedGeneration() == null
                        || d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration())
                .flatMap(d -> d.getStatus().getConditions().stream()
                        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                                && "ProgressDeadlineExceeded".equals(c.getReason()))
                        .findFirst().map(c -> "Deployment " + d.getMetadata().getName() + ": " + c.getMessage()));
    }
}
