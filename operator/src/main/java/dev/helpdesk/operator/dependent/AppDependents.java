package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.AppSpec;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.IngressSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Map;

/** The app (role serve): Deployment, Service, and the optional PDB, HPA and Ingress. */
public final class AppDependents {
    public static final String COMPONENT = "app";
    public static final String CONFIG_HASH = "helpdesk.dev/config-hash";
    /** The data of the Secrets the spec references; part of CONFIG_HASH too, apart so a change can be named. */
    public static final String SECRETS_HASH = "helpdesk.dev/secrets-hash";

    private AppDependents() {}

    public static Deployment deployment(HelpDesk hd, String configHash, String secretsHash) {
        AppSpec app = hd.getSpec().app;
        var container = AppPods.container(hd, "serve", app.resources);
        container.getPorts().add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withName("http").withContainerPort(8080).build());
        container.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/q/health/ready")
                .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(5).withFailureThreshold(3).build());
        // a slow first start (migrations done, caches warming on a busy node) gets 5 minutes before liveness counts
        container.setStartupProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/q/health/started")
                .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(5).withFailureThreshold(60).build());
        container.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/q/health/live")
                .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(10).withFailureThreshold(6).build());
        var pod = AppPods.podSpec(hd, container, true, "Always");
        pod.setTopologySpreadConstraints(java.util.List.of(
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                        .withWhenUnsatisfiable("ScheduleAnyway")
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(hd, COMPONENT)).build()).build(),
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                        .withWhenUnsatisfiable("ScheduleAnyway")
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(hd, COMPONENT)).build()).build()));
        return new DeploymentBuilder()
                .withMetadata(Owned.meta(hd, Names.app(hd), COMPONENT))
                .withNewSpec()
                // with autoscaling the HPA owns the replica count
                .withReplicas(Boolean.TRUE.equals(app.autoscaling.enabled) ? null : app.replicas)
                .withProgressDeadlineSeconds(hd.getSpec().upgrade.progressDeadlineSeconds)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(hd, COMPONENT)).withAnnotations(Map.of(CONFIG_HASH, configHash, SECRETS_HASH, secretsHash)).endMetadata()
                .withSpec(pod)
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(HelpDesk hd) {
        return new ServiceBuilder().withMetadata(Owned.meta(hd, Names.app(hd), COMPONENT))
                .withNewSpec().withSelector(Labels.selector(hd, COMPONENT))
                .addNewPort().withName("http").withPort(8080).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }

    public static PodDisruptionBudget pdb(HelpDesk hd) {
        return new PodDisruptionBudgetBuilder().withMetadata(Owned.meta(hd, Names.app(hd), COMPONENT))
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector().endSpec().build();
    }

    public static boolean wantsPdb(HelpDesk hd) {
        AppSpec app = hd.getSpec().app;
        return Boolean.TRUE.equals(app.autoscaling.enabled) ? app.autoscaling.minReplicas > 1 : app.replicas > 1;
    }

    public static HorizontalPodAutoscaler hpa(HelpDesk hd) {
        AppSpec.Autoscaling a = hd.getSpec().app.autoscaling;
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder().withMetadata(Owned.meta(hd, Names.app(hd), COMPONENT))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(Names.app(hd)).endScaleTargetRef()
                .withMinReplicas(a.minReplicas).withMaxReplicas(a.maxReplicas)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(a.targetCPUUtilizationPercentage).endTarget().endResource().endMetric()
                .endSpec().build();
        if (a.targetMemoryUtilizationPercentage != null) {
            hpa.getSpec().getMetrics().add(new io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder().withType("Resource")
                    .withNewResource().withName("memory").withNewTarget().withType("Utilization")
                    .withAverageUtilization(a.targetMemoryUtilizationPercentage).endTarget().endResource().build());
        }
        return hpa;
    }

    public static Ingress ingress(HelpDesk hd) {
        IngressSpec spec = hd.getSpec().ingress;
        var meta = Owned.meta(hd, Names.app(hd), COMPONENT);
        if (spec.annotations != null) {
            meta.setAnnotations(spec.annotations);
        }
        var builder = new IngressBuilder().withMetadata(meta).withNewSpec()
                .withIngressClassName(spec.className == null || spec.className.isEmpty() ? null : spec.className)
                .addNewRule().withHost(spec.host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(Names.app(hd)).withNewPort().withName("http").endPort().endService().endBackend()
                .endPath().endHttp().endRule();
        if (spec.tlsSecretName != null && !spec.tlsSecretName.isEmpty()) {
            builder.addNewTl().withHosts(spec.host).withSecretName(spec.tlsSecretName).endTl();
        }
        return builder.endSpec().build();
    }
}
