package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** The managed Redis (password-protected, append-only file on an emptyDir) and its Service. */
public final class RedisDependents {
    static final String COMPONENT = "redis";

    private RedisDependents() {}

    public static Deployment deployment(HelpDesk hd) {
        var resources = hd.getSpec().redis.managed == null ? null : hd.getSpec().redis.managed.resources;
        return new DeploymentBuilder()
                .withMetadata(Owned.meta(hd, Names.redis(hd), COMPONENT))
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(hd, COMPONENT)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.serviceAccount(hd))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.REDIS_UID))
                .addNewContainer()
                .withName("redis")
                .withImage("docker.io/library/redis:7.4-alpine")
                .withArgs("--appendonly", "yes", "--dir", "/data", "--requirepass", "$(REDIS_PASSWORD)")
                .addNewEnv().withName("REDIS_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(Names.secrets(hd)).withKey(GeneratedSecretDependent.REDIS_PASSWORD).endSecretKeyRef().endValueFrom().endEnv()
                .addNewPort().withName("redis").withContainerPort(6379).endPort()
                .withResources(ResourceDefaults.of(resources, "100m", "128Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withInitialDelaySeconds(10).withPeriodSeconds(10).endLivenessProbe()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(HelpDesk hd) {
        return new ServiceBuilder().withMetadata(Owned.meta(hd, Names.redis(hd), COMPONENT))
                .withNewSpec().withSelector(Labels.selector(hd, COMPONENT))
                .addNewPort().withName("redis").withPort(6379).withTargetPort(new IntOrString("redis")).endPort()
                .endSpec().build();
    }
}
