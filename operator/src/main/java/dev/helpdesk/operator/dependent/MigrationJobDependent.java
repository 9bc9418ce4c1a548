package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

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
        return new JobBuilder()
                .withMetadata(new ObjectMetaBuilder(Owned.meta(hd, Names.migration(hd, hd.getSpec().version, attempt), COMPONENT))
                        .addToAnnotations(VERSION_ANNOTATION, hd.getSpec().version).build())
                .withNewSpec()
                .withBackoffLimit(1)
                .withActiveDeadlineSeconds(hd.getSpec().upgrade.migrationTimeoutSeconds.longValue())
                .withTtlSecondsAfterFinished(null)
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(hd, COMPONENT)).endMetadata()
                .withSpec(AppPods.podSpec(hd, container, false, "Never"))
                .endTemplate()
                .endSpec()
                .build();
    }
}
