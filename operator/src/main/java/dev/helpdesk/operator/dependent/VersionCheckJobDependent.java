package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * {@code migrate --dry-run} of a version's image, before the operator changes anything for it:
 * the schema range the version serves and whether it can serve the database as it is (a
 * downgrade below a contract migration cannot). It changes nothing; its result line is read from
 * the pod, and the finished Job goes after an hour (a later check of the same version and
 * database runs it again).
 */
public final class VersionCheckJobDependent {
    public static final String COMPONENT = "version-check";

    private VersionCheckJobDependent() {}

    /** {@code at}: the HelpDesk at the version to check. */
    public static Job desired(HelpDesk at, String name) {
        Container container = AppPods.container(at, "migrate", at.getSpec().app.resources);
        container.setName("version-check");
        container.setArgs(List.of("migrate", "--dry-run"));
        Job job = AppPods.job(at, Owned.meta(at, name, COMPONENT), COMPONENT, container, 300);
        job.getSpec().setTtlSecondsAfterFinished(3600);
        return job;
    }
}
