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
        boolean attachments = !hd.getSpec().attachments.storage.usesS3Bucket() && !role.equals("migrate");
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
}
