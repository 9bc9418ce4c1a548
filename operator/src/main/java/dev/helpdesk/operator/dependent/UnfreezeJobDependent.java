package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * {@code unfreeze-writes} of the version that serves: lifts the write freeze a pre-upgrade backup
 * set, once the upgrade is over (the new version ready, its migration failed, or rolled back).
 * Its result line says since when writes were frozen; the finished Job goes after an hour.
 */
public final class UnfreezeJobDependent {
    public static final String COMPONENT = "unfreeze";

    private UnfreezeJobDependent() {}

    /** {@code at}: the HelpDesk at the version that serves. */
    public static Job desired(HelpDesk at, String name) {
        Container container = AppPods.container(at, "unfreeze-writes", at.getSpec().app.resources);
        container.setName("unfreeze");
        Job job = AppPods.job(at, Owned.meta(at, name, COMPONENT), COMPONENT, container, 300);
        job.getSpec().setTtlSecondsAfterFinished(3600);
        return job;
    }
}
