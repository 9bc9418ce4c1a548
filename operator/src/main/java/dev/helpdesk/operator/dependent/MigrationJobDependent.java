package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The new image's migrate role, one Job per version and attempt ({@link Names#migration}). It is
 * never updated (Jobs are immutable): the app waits for the database itself (Flyway connect
 * retries); one more pod covers a node or database restart during the run; then it has failed
 * and the result line in the pod's termination message says why.
 */
public final class MigrationJobDependent {
    public static final String COMPONENT = "migration";
    public static final String VERSION_ANNOTATION = "helpdesk.dev/version";

    private MigrationJobDependent() {}

    public static Job desired(HelpDesk hd, int attempt) {
        var container = AppPods.container(hd, "migrate", hd.getSpec().app.resources);
        // ttlSecondsAfterFinished stays unset: the status needs a failed Job to explain the failure
        return AppPods.job(hd, new ObjectMetaBuilder(Owned.meta(hd, Names.migration(hd, hd.getSpec().version, attempt), COMPONENT))
                .addToAnnotations(VERSION_ANNOTATION, hd.getSpec().version).build(), COMPONENT, container,
                hd.getSpec().upgrade.migrationTimeoutSeconds.longValue());
    }
}
