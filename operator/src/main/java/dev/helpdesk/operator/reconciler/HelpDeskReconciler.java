package dev.helpdesk.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.AdminSecretDependent;
import dev.helpdesk.operator.dependent.AppConfigMapDependent;
import dev.helpdesk.operator.dependent.AppDependents;
import dev.helpdesk.operator.dependent.GeneratedSecretDependent;
import dev.helpdesk.operator.dependent.MigrationJobDependent;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.dependent.PostgresDependents;
import dev.helpdesk.operator.dependent.RedisDependents;
import dev.helpdesk.operator.dependent.ServiceMonitorDependent;
import dev.helpdesk.operator.dependent.SupportDependents;
import dev.helpdesk.operator.dependent.WorkerDependent;
import dev.helpdesk.operator.lifecycle.MigrationState;
import dev.helpdesk.operator.status.AppHealthProbe;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.status.EventRecorder;
import dev.helpdesk.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installs and runs one helpdesk (DESIGN §4): secrets and config, data services, the migration
 * Job, and only after it succeeded the app and worker. Every step is idempotent and keyed by
 * deterministic names, so a restarted operator resumes; status is recomputed from observation.
 */
// least privilege: exactly the kinds and verbs the reconciler uses (the primary's rules are generated)
@RBACRule(apiGroups = "", resources = {"secrets", "configmaps", "services", "serviceaccounts", "persistentvolumeclaims"},
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create"})
@RBACRule(apiGroups = "apps", resources = {"deployments", "statefulsets"}, verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "policy", resources = "poddisruptionbudgets", verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "autoscaling", resources = "horizontalpodautoscalers", verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "networking.k8s.io", resources = {"ingresses", "networkpolicies"},
        verbs = {"get", "list", "watch", "create", "update", "delete"})
@RBACRule(apiGroups = "monitoring.coreos.com", resources = "servicemonitors", verbs = {"get", "create", "update", "delete"})
@RBACRule(apiGroups = "apiextensions.k8s.io", resources = "customresourcedefinitions",
        resourceNames = "servicemonitors.monitoring.coreos.com", verbs = {"get"})
@RBACRule(apiGroups = "coordination.k8s.io", resources = "leases", verbs = {"get", "create", "update"})
// not generation-aware: the pause annotation and other metadata must reach the reconciler too
@ControllerConfiguration(name = "helpdesk", generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 2, timeUnit = TimeUnit.MINUTES))
public class HelpDeskReconciler implements Reconciler<HelpDesk> {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private final KubernetesClient client;
    private final Applier applier;
    private final SpecValidator validator;
    private final EventRecorder events;
    private final AppHealthProbe health;

    private final MeterRegistry metrics;
    private final MonitoringSupport monitoring;

    public HelpDeskReconciler(KubernetesClient client, AppHealthProbe health, MeterRegistry metrics) {
        this.client = client;
        this.metrics = metrics;
        this.applier = new Applier(client);
        this.validator = new SpecValidator(client);
        this.events = new EventRecorder(client);
        this.health = health;
        this.monitoring = new MonitoringSupport(client);
    }

    @Override
    public List<EventSource<?, HelpDesk>> prepareEventSources(EventSourceContext<HelpDesk> context) {
        return EventSources.all(context);
    }

    @Override
    public UpdateControl<HelpDesk> reconcile(HelpDesk hd, Context<HelpDesk> context) {
        metrics.counter("helpdesk.operator.reconciles", "namespace", hd.getMetadata().getNamespace(),
                "name", hd.getMetadata().getName()).increment();
        HelpDeskStatus previous = hd.getStatus() == null ? new HelpDeskStatus() : hd.getStatus();
        StatusReport report = new StatusReport(hd, previous);
        Observed observed = new Observed(context);

        if (hd.pausedByAnnotation()) {
            report.paused();
        } else {
            SpecValidator.Result validation = validator.validate(hd);
            if (!validation.valid()) {
                report.invalidSpec(validation.problems());
            } else {
                install(hd, observed, validation, report);
            }
        }
        HelpDeskStatus next = report.build();
        report.transitions().forEach(t -> {
            if (t.warning()) {
                events.warning(hd, t.reason(), t.message());
            } else {
                events.normal(hd, t.reason(), t.message());
            }
        });
        if (!JSON.valueToTree(next).equals(JSON.valueToTree(previous))) {
            // the whole status is ours and recomputed each time: replace it, guarded by resourceVersion
            hd.setStatus(next);
            client.resource(hd).updateStatus();
        }
        return UpdateControl.noUpdate();
    }

    private void install(HelpDesk hd, Observed observed, SpecValidator.Result validation, StatusReport report) {
        var spec = hd.getSpec();
        applier.apply(observed.get(ServiceAccount.class, Names.serviceAccount(hd)), SupportDependents.serviceAccount(hd));
        applier.createOnce(observed.get(Secret.class, Names.secrets(hd)), GeneratedSecretDependent.desired(hd));
        applier.createOnce(observed.get(Secret.class, Names.admin(hd)), AdminSecretDependent.desired(hd));
        ConfigMap config = AppConfigMapDependent.desired(hd);
        applier.apply(observed.get(ConfigMap.class, Names.config(hd)), config);
        if (!spec.attachments.storage.usesS3Bucket()) {
            applier.createOnce(observed.get(PersistentVolumeClaim.class, Names.attachments(hd)), SupportDependents.attachments(hd));
        }

        boolean databaseReady = true;
        boolean redisReady = true;
        if (!spec.database.usesExternal()) {
            StatefulSet pg = applier.apply(observed.get(StatefulSet.class, Names.postgres(hd)), PostgresDependents.statefulSet(hd));
            applier.apply(observed.get(Service.class, Names.postgres(hd)), PostgresDependents.service(hd));
            databaseReady = pg.getStatus() != null && pg.getStatus().getReadyReplicas() != null && pg.getStatus().getReadyReplicas() >= 1;
        }
        if (!spec.redis.usesExternal()) {
            Deployment redis = applier.apply(observed.get(Deployment.class, Names.redis(hd)), RedisDependents.deployment(hd));
            applier.apply(observed.get(Service.class, Names.redis(hd)), RedisDependents.service(hd));
            redisReady = available(Optional.of(redis)) >= 1;
        }
        if (!spec.database.usesExternal() || !spec.redis.usesExternal()) {
            applier.apply(observed.get(NetworkPolicy.class, Names.networkPolicy(hd)), SupportDependents.dataAccess(hd));
        }
        report.dataServices(databaseReady, redisReady, spec.database.usesExternal(), spec.redis.usesExternal());

        List<Pod> pods = observed.all(Pod.class);
        String jobName = Names.migration(hd, spec.version);
        Optional<Job> job = observed.get(Job.class, jobName);
        MigrationState migration = MigrationState.of(job, pods);
        if (migration.phase() == MigrationState.Phase.FAILED && changedSince(hd, job.get())) {
            // the spec changed after the failure: that is the user's retry
            applier.deleteIfPresent(job);
            job = Optional.empty();
            migration = MigrationState.of(job, pods);
        }
        if (job.isEmpty() && databaseReady) {
            job = Optional.of(applier.createOnce(job, MigrationJobDependent.desired(hd)));
            migration = MigrationState.of(job, pods);
        }
        report.migration(jobName, migration, databaseReady);

        if (migration.phase() == MigrationState.Phase.SUCCEEDED) {
            String configHash = Applier.hashOf(JSON.valueToTree(config.getData()).toString(), validation.referencedSecretsFingerprint());
            boolean autoscaled = Boolean.TRUE.equals(spec.app.autoscaling.enabled);
            applier.apply(observed.get(Deployment.class, Names.app(hd)), AppDependents.deployment(hd, configHash), (live, next) -> {
                if (autoscaled) {
                    next.getSpec().setReplicas(live.getSpec().getReplicas()); // the HPA's number, not a reset to 1
                }
            });
            applier.apply(observed.get(Service.class, Names.app(hd)), AppDependents.service(hd));
            applier.apply(observed.get(Deployment.class, Names.worker(hd)), WorkerDependent.deployment(hd, configHash));
            optional(AppDependents.wantsPdb(hd), observed.get(PodDisruptionBudget.class, Names.app(hd)), () -> AppDependents.pdb(hd));
            optional(Boolean.TRUE.equals(spec.app.autoscaling.enabled), observed.get(HorizontalPodAutoscaler.class, Names.app(hd)),
                    () -> AppDependents.hpa(hd));
            optional(Boolean.TRUE.equals(spec.ingress.enabled), observed.get(Ingress.class, Names.app(hd)), () -> AppDependents.ingress(hd));
            serviceMonitor(hd, report);
        }

        Optional<Deployment> app = observed.get(Deployment.class, Names.app(hd));
        Optional<Deployment> worker = observed.get(Deployment.class, Names.worker(hd));
        report.workloads(app, worker, pods);
        if (available(app) > 0) {
            report.appHealth(health.check(Names.appUrl(hd)));
        } else {
            report.appHealth(Optional.empty());
        }
    }

    /** Only where the Prometheus Operator's CRD exists; otherwise say so instead of failing. */
    private void serviceMonitor(HelpDesk hd, StatusReport report) {
        boolean wanted = Boolean.TRUE.equals(hd.getSpec().monitoring.serviceMonitor);
        // ask the API server only when a ServiceMonitor is wanted, or one may be left to remove
        if (wanted ? !monitoring.installed() : !monitoring.knownInstalled()) {
            if (wanted) {
                report.note("monitoring.serviceMonitor is on but the ServiceMonitor CRD (" + ServiceMonitorDependent.CRD
                        + ") is not installed; no ServiceMonitor was created");
            }
            return;
        }
        var resources = client.genericKubernetesResources(ServiceMonitorDependent.API_VERSION, ServiceMonitorDependent.KIND)
                .inNamespace(hd.getMetadata().getNamespace());
        Optional<GenericKubernetesResource> actual = Optional.ofNullable(resources.withName(Names.app(hd)).get());
        optional(wanted, actual, () -> ServiceMonitorDependent.desired(hd));
    }

    private <R extends io.fabric8.kubernetes.api.model.HasMetadata> void optional(boolean wanted, Optional<R> actual,
                                                                                java.util.function.Supplier<R> desired) {
        if (wanted) {
            applier.apply(actual, desired.get());
        } else {
            applier.deleteIfPresent(actual);
        }
    }

    private static boolean changedSince(HelpDesk hd, Job job) {
        String at = job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(MigrationJobDependent.GENERATION_ANNOTATION);
        return at != null && hd.getMetadata().getGeneration() != null && hd.getMetadata().getGeneration() > Long.parseLong(at);
    }

    static int available(Optional<Deployment> d) {
        return d.map(Deployment::getStatus).map(s -> s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas()).orElse(0);
    }
}
