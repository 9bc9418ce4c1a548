package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * {@code NAME-migrate-VERSION}: the new image's migrate role, run once per version. It is never
 * updated (Jobs are immutable) and not retried in a loop: backoffLimit 0, a deadline, and its
 * result line in the pod's termination message.
 */
public final class MigrationJobDependent {
    public static final String COMPONENT = "migration";
    public static final String GENERATION_ANNOTATION = "helpdesk.dev/generation";

    private MigrationJobDependent() {}

    public static Job desired(HelpDesk hd) {
        var container = AppPods.container(hd, "migrate", hd.getSpec().app.resources);
        return new JobBuilder()
                .withMetadata(new ObjectMetaBuilder(Owned.meta(hd, Names.migration(hd, hd.getSpec().version), COMPONENT))
                        .addToAnnotations(GENERATION_ANNOTATION, String.valueOf(hd.getMetadata().getGeneration())).build())
                .withNewSpec()
                .withBackoffLimit(0)
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
