package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/** Pod specs for the app image in each role (DESIGN §5): same image, env and hardening; the role is the argument. */
public final class AppPods {
    private AppPods() {}

    public static String image(HelpDesk hd) {
        return hd.getSpec().image + ":" + hd.getSpec().version;
    }

    public static Container container(HelpDesk hd, String role, Resources resources) {
        // one-off roles (migrate, reset-admin-password) touch only the database
        boolean attachments = !hd.getSpec().attachments.storage.usesS3Bucket() && (role.equals("serve") || role.equals("worker"));
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (attachments) {
            mounts.add(new VolumeMountBuilder().withName("attachments").withMountPath(AppConfigMapDependent.STORAGE_PATH).build());
        }
        return new ContainerBuilder()
                .withName(role.equals("serve") ? "app" : role)
                .withImage(image(hd))
                .withArgs(role)
                .withEnvFrom(AppEnvironment.fromConfigMap(hd))
                .withEnv(AppEnvironment.secrets(hd))
                .withResources(ResourceDefaults.of(resources, "100m", "384Mi", "1Gi"))
                .withSecurityContext(PodSecurity.container())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withVolumeMounts(mounts)
                .build();
    }

    public static PodSpec podSpec(HelpDesk hd, Container container, boolean attachments, String restartPolicy) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        if (attachments && !hd.getSpec().attachments.storage.usesS3Bucket()) {
            volumes.add(new VolumeBuilder().withName("attachments").withNewPersistentVolumeClaim()
                    .withClaimName(Names.attachments(hd)).endPersistentVolumeClaim().build());
        }
        return new PodSpecBuilder()
                .withServiceAccountName(Names.serviceAccount(hd))
                .withAutomountServiceAccountToken(false)
                .withImagePullSecrets(hd.getSpec().imagePullSecrets)
                .withSecurityContext(PodSecurity.pod(PodSecurity.APP_UID))
                .withRestartPolicy(restartPolicy)
                .withContainers(container)
                .withVolumes(volumes)
                .build();
    }

    /** A one-off role of the app image (migrate, reset-admin-password) as a Job: one more pod after a node or database restart, then it has failed. */
    static io.fabric8.kubernetes.api.model.batch.v1.Job job(HelpDesk hd, io.fabric8.kubernetes.api.model.ObjectMeta meta, String component,
                                                            Container container, long deadlineSeconds) {
        return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withBackoffLimit(1)
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(hd, component)).endMetadata()
                .withSpec(podSpec(hd, container, false, "Never"))
                .endTemplate()
                .endSpec()
                .build();
    }
}
