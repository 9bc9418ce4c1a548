package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/** The worker (role worker); its probes use the worker's small health port 8081. */
public final class WorkerDependent {
    public static final String COMPONENT = "worker";

    private WorkerDependent() {}

    /** Lets Prometheus scrape the worker's /q/metrics (jobs processed, failed, dead letters) on its health port. */
    public static io.fabric8.kubernetes.api.model.Service service(HelpDesk hd) {
        return new io.fabric8.kubernetes.api.model.ServiceBuilder().withMetadata(Owned.meta(hd, Names.worker(hd), COMPONENT))
                .withNewSpec().withSelector(Labels.selector(hd, COMPONENT))
                .addNewPort().withName("metrics").withPort(8081).withTargetPort(new IntOrString("health")).endPort()
                .endSpec().build();
    }

    public static Deployment deployment(HelpDesk hd, String configHash, String secretsHash) {
        var container = AppPods.container(hd, "worker", hd.getSpec().worker.resources);
        container.getPorts().add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withName("health").withContainerPort(8081).build());
        container.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/health")
                .withPort(new IntOrString("health")).endHttpGet().withPeriodSeconds(10).build());
        container.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/health")
                .withPort(new IntOrString("health")).endHttpGet().withInitialDelaySeconds(20).withPeriodSeconds(15).withFailureThreshold(4).build());
        return new DeploymentBuilder()
                .withMetadata(Owned.meta(hd, Names.worker(hd), COMPONENT))
                .withNewSpec()
                .withReplicas(hd.getSpec().worker.replicas)
                .withProgressDeadlineSeconds(hd.getSpec().upgrade.progressDeadlineSeconds)
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(hd, COMPONENT)).withAnnotations(Map.of(AppDependents.CONFIG_HASH, configHash, AppDependents.SECRETS_HASH, secretsHash)).endMetadata()
                .withSpec(AppPods.podSpec(hd, container, true, "Always"))
                .endTemplate()
                .endSpec()
                .build();
    }
}
