package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.RedisSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/**
 * The managed Redis: a one-replica StatefulSet, password-protected, its append-only file (every
 * queued job) on a volume that survives rescheduling, and its Service.
 */
public final class RedisDependents {
    static final String COMPONENT = "redis";
    public static final String IMAGE_VERSION = "7.4";
    public static final String IMAGE = "docker.io/library/redis:" + IMAGE_VERSION + "-alpine";

    private RedisDependents() {}

    public static StatefulSet statefulSet(HelpDesk hd) {
        RedisSpec.Managed m = hd.getSpec().redis.managedOrDefault();
        var claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(Labels.selector(hd, COMPONENT)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(m.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(m.storage))).endResources().endSpec()
                .build();
        Map<String, String> labels = Labels.ofDataService(hd, COMPONENT, IMAGE_VERSION);
        return new StatefulSetBuilder()
                .withMetadata(Owned.meta(hd, Names.redis(hd), labels))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(Names.redis(hd))
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector()
                .withVolumeClaimTemplates(claim)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.serviceAccount(hd))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.REDIS_UID))
                .addNewContainer()
                .withName("redis")
                .withImage(IMAGE)
                // appendfsync everysec: at most one second of queued jobs at risk on a node crash, as in Redis's own advice
                .withArgs("--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/data", "--requirepass", "$(REDIS_PASSWORD)")
                .addNewEnv().withName("REDIS_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(Names.secrets(hd)).withKey(GeneratedSecretDependent.REDIS_PASSWORD).endSecretKeyRef().endValueFrom().endEnv()
                .addNewPort().withName("redis").withContainerPort(6379).endPort()
                .withResources(ResourceDefaults.of(m.resources, "100m", "128Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withInitialDelaySeconds(10).withPeriodSeconds(10).endLivenessProbe()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(HelpDesk hd) {
        return new ServiceBuilder().withMetadata(Owned.meta(hd, Names.redis(hd), Labels.ofDataService(hd, COMPONENT, IMAGE_VERSION)))
                .withNewSpec().withSelector(Labels.selector(hd, COMPONENT))
                .addNewPort().withName("redis").withPort(6379).withTargetPort(new IntOrString("redis")).endPort()
                .endSpec().build();
    }
}
