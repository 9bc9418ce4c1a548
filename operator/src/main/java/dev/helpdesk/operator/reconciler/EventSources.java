package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.dependent.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * One informer per kind the operator manages, limited to objects it labelled, each mapped back to
 * its HelpDesk by the instance label (which also covers pods and retained volumes it does not own).
 */
final class EventSources {
    static final List<Class<? extends HasMetadata>> KINDS = List.of(Deployment.class, StatefulSet.class, Service.class,
            Secret.class, ConfigMap.class, Job.class, Pod.class, ServiceAccount.class, PodDisruptionBudget.class,
            HorizontalPodAutoscaler.class, Ingress.class, NetworkPolicy.class, PersistentVolumeClaim.class);

    private EventSources() {}

    static final String REFERENCED_SECRETS = "ReferencedSecret";
    static final String REFERENCED_LABEL = "helpdesk.dev/referenced";
    private static final String BY_REFERENCED_SECRET = "byReferencedSecret";

    static List<EventSource<?, HelpDesk>> all(EventSourceContext<HelpDesk> context) {
        List<EventSource<?, HelpDesk>> sources = new java.util.ArrayList<>(
                KINDS.stream().<EventSource<?, HelpDesk>>map(kind -> informer(kind, context)).toList());
        sources.add(referencedSecrets(context));
        return sources;
    }

    /**
     * Secrets the spec names (database URL, SMTP, S3 keys), which the operator did not make: they carry
     * the label {@value #REFERENCED_LABEL} (added on first use) so that one cached informer sees them
     * change, mapped to every HelpDesk whose spec names them.
     */
    private static InformerEventSource<Secret, HelpDesk> referencedSecrets(EventSourceContext<HelpDesk> context) {
        context.getPrimaryCache().addIndexer(BY_REFERENCED_SECRET, hd -> ReferencedSecrets.names(hd).stream()
                .map(name -> hd.getMetadata().getNamespace() + "/" + name).toList());
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, HelpDesk.class)
                .withName(REFERENCED_SECRETS)
                .withLabelSelector(REFERENCED_LABEL + "=true")
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .byIndex(BY_REFERENCED_SECRET, secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(java.util.stream.Collectors.toSet()))
                .build(), context);
    }

    /** Backups name their HelpDesk in the spec (they are not owned by it): the schedule, retention and upgrades watch them. */
    static InformerEventSource<dev.helpdesk.operator.api.HelpDeskBackup, HelpDesk> backups(EventSourceContext<HelpDesk> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(dev.helpdesk.operator.api.HelpDeskBackup.class, HelpDesk.class)
                .withName("HelpDeskBackup")
                .withSecondaryToPrimaryMapper(b -> b.helpDeskName() == null ? Set.of()
                        : Set.of(new ResourceID(b.helpDeskName(), b.getMetadata().getNamespace())))
                .build(), context);
    }

    /** Restores name their HelpDesk in the spec: the HelpDesk holds its workloads for one and takes over what it restored. */
    static InformerEventSource<dev.helpdesk.operator.api.HelpDeskRestore, HelpDesk> restores(EventSourceContext<HelpDesk> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(dev.helpdesk.operator.api.HelpDeskRestore.class, HelpDesk.class)
                .withName("HelpDeskRestore")
                .withSecondaryToPrimaryMapper(r -> r.getSpec() == null || r.getSpec().helpDeskRef == null ? Set.of()
                        : Set.of(new ResourceID(r.getSpec().helpDeskRef.name, r.getMetadata().getNamespace())))
                .build(), context);
    }

    private static <R extends HasMetadata> InformerEventSource<R, HelpDesk> informer(Class<R> kind, EventSourceContext<HelpDesk> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, HelpDesk.class)
                .withName(kind.getSimpleName())
                .withLabelSelector(Labels.SELECTOR)
                .withSecondaryToPrimaryMapper(EventSources::byInstanceLabel)
                .build(), context);
    }

    static Set<ResourceID> byInstanceLabel(HasMetadata r) {
        var labels = r.getMetadata().getLabels();
        String instance = labels == null ? null : labels.get("app.kubernetes.io/instance");
        return instance == null ? Set.of() : Set.of(new ResourceID(instance, r.getMetadata().getNamespace()));
    }
}
