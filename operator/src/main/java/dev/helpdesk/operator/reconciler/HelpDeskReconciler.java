package dev.helpdesk.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.AppConfigMapDependent;
import dev.helpdesk.operator.dependent.AppDependents;
import dev.helpdesk.operator.dependent.AttachmentsPlacement;
import dev.helpdesk.operator.dependent.MigrationJobDependent;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.dependent.PostgresDependents;
import dev.helpdesk.operator.dependent.RedisDependents;
import dev.helpdesk.operator.dependent.ServiceMonitorDependent;
import dev.helpdesk.operator.dependent.SupportDependents;
import dev.helpdesk.operator.dependent.WorkerDependent;
import dev.helpdesk.operator.lifecycle.MigrationHistory;
import dev.helpdesk.operator.lifecycle.MigrationPlan;
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
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
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
        verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
@RBACRule(apiGroups = "apps", resources = {"deployments", "statefulsets"}, verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "policy", resources = "poddisruptionbudgets", verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "autoscaling", resources = "horizontalpodautoscalers", verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "networking.k8s.io", resources = {"ingresses", "networkpolicies"},
        verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "monitoring.coreos.com", resources = {"servicemonitors", "prometheusrules"}, verbs = {"get", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "apiextensions.k8s.io", resources = "customresourcedefinitions",
        resourceNames = {"servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"}, verbs = {"get"})
@RBACRule(apiGroups = "helpdesk.dev", resources = "helpdeskbackups", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "helpdesk.dev", resources = "helpdeskrestores", verbs = {"get", "list", "watch", "create"})
@RBACRule(apiGroups = "coordination.k8s.io", resources = "leases", verbs = {"get", "create", "update", "patch"})
// not generation-aware: the pause annotation and other metadata must reach the reconciler too
@ControllerConfiguration(name = "helpdesk", generationAwareEventProcessing = false, fieldManager = Applier.MANAGER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 2, timeUnit = TimeUnit.MINUTES))
public class HelpDeskReconciler implements Reconciler<HelpDesk> {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private final KubernetesClient client;
    private final EventRecorder events;
    private final AppHealthProbe health;
    private final StatusWrites<HelpDeskStatus> statusWrites = new StatusWrites<>();

    private final MeterRegistry metrics;
    private final MonitoringSupport monitoring;
    private final MonitoringSupport prometheusRules;
    private final dev.helpdesk.operator.monitoring.HelpDeskMetrics deskMetrics;

    private final dev.helpdesk.operator.lifecycle.OperatorClock clock;

    public HelpDeskReconciler(KubernetesClient client, AppHealthProbe health, MeterRegistry metrics,
                              dev.helpdesk.operator.lifecycle.OperatorClock clock) {
        this.client = client;
        this.clock = clock;
        this.metrics = metrics;
        this.events = new EventRecorder(client);
        this.health = health;
        this.monitoring = new MonitoringSupport(client, ServiceMonitorDependent.CRD);
        this.prometheusRules = new MonitoringSupport(client, dev.helpdesk.operator.dependent.PrometheusRuleDependent.CRD);
        this.deskMetrics = new dev.helpdesk.operator.monitoring.HelpDeskMetrics(metrics);
    }

    // a changed answer of the app health probe (which runs off the reconcile thread) asks for a reconcile
    private final SimpleInboundEventSource<HelpDesk> healthChanged = new SimpleInboundEventSource<>("AppHealth");

    @Override
    public List<EventSource<?, HelpDesk>> prepareEventSources(EventSourceContext<HelpDesk> context) {
        List<EventSource<?, HelpDesk>> sources = new java.util.ArrayList<>(EventSources.all(context));
        sources.add(healthChanged);
        sources.add(EventSources.backups(context));
        sources.add(EventSources.restores(context));
        return sources;
    }

    @Override
    public UpdateControl<HelpDesk> reconcile(HelpDesk hd, Context<HelpDesk> context) {
        metrics.counter("helpdesk.operator.reconciles", "namespace", hd.getMetadata().getNamespace(),
                "name", hd.getMetadata().getName()).increment();
        // the cache may not have seen our last status write yet: build on it, or every transition would be announced twice
        statusWrites.catchUp(hd);
        com.fasterxml.jackson.databind.JsonNode stored = JSON.valueToTree(hd.getStatus() == null ? new HelpDeskStatus() : hd.getStatus());
        if (hd.getStatus() == null) {
            hd.setStatus(new HelpDeskStatus());
        }
        Observed observed = new Observed(context);
        // a restored database is taken over before anything else looks at the status: the backup's version runs now
        Optional<HelpDeskRestore> takenOver = hd.pausedByAnnotation() ? Optional.empty()
                : RestoreStep.takeOver(hd, observed.all(HelpDeskRestore.class), observed.all(Job.class));
        HelpDeskStatus previous = hd.getStatus();
        StatusReport report = new StatusReport(hd, previous);
        takenOver.ifPresent(r -> report.announce("RestoreTakenOver", "the database holds HelpDeskBackup " + r.getSpec().backupRef.name
                + " now (HelpDeskRestore " + r.getMetadata().getName() + "): version " + r.getStatus().appVersion + " runs, then "
                + (RestoreStep.restoredBack(hd) ? "stays (rolled back from " + hd.getSpec().version + "; migration Job "
                        + previous.migration.job + " checks the schema)" : hd.getSpec().version + " after migration Job " + previous.migration.job),
                false));
        boolean recheckSoon = false;
        Optional<java.time.Duration> untilBackup = Optional.empty();

        if (hd.pausedByAnnotation()) {
            report.paused();
        } else {
            SpecValidator.Result validation = new SpecValidator(ReferencedSecrets.of(client, context)).validate(hd);
            recheckSoon = validation.missingSecret();
            List<String> fixed = FixedFields.problems(hd, observed.get(StatefulSet.class, Names.postgres(hd)),
                    observed.get(StatefulSet.class, Names.redis(hd)));
            if (!validation.valid() || !fixed.isEmpty()) {
                List<String> problems = new java.util.ArrayList<>(validation.problems());
                problems.addAll(fixed);
                report.invalidSpec(problems);
            } else {
                Applier applier = new Applier(client, context, drift -> report.driftCorrected(drift.resource().getKind(),
                        drift.resource().getMetadata().getName(), drift.changedBy()));
                untilBackup = install(hd, observed, validation, report, applier);
                recheckSoon |= dev.helpdesk.operator.status.PodTrouble.someUnscheduled(observed.all(Pod.class));
            }
        }
        HelpDeskStatus next = report.build();
        if (!JSON.valueToTree(next).equals(stored)) {
            // the whole status is ours and recomputed each time: replace it, guarded by resourceVersion
            String before = hd.getMetadata().getResourceVersion();
            hd.setStatus(next);
            HelpDesk written = client.resource(hd).updateStatus();
            statusWrites.remember(hd, before, written);
        }
        deskMetrics.observed(hd.getMetadata().getNamespace(), hd.getMetadata().getName(), next);
        deskMetrics.retainOnly(context.getPrimaryCache().list().map(h -> h.getMetadata().getNamespace() + "/" + h.getMetadata().getName())
                .collect(java.util.stream.Collectors.toSet()));
        // after the status write they describe, so an Event never announces a state nobody can read yet
        report.transitions().forEach(t -> {
            if (t.warning()) {
                events.warning(hd, t.reason(), t.message());
            } else {
                events.normal(hd, t.reason(), t.message());
            }
        });
        // a Secret created later carries no label yet, and a pod waiting for a node changes nothing: look again soon
        long seconds = recheckSoon ? 10 : Long.MAX_VALUE;
        if (untilBackup.isPresent()) {
            // a scheduled backup is due before the periodic reconcile would notice: come back right then
            seconds = Math.min(seconds, Math.max(1, untilBackup.get().toSeconds() + 1));
        }
        return seconds == Long.MAX_VALUE ? UpdateControl.noUpdate() : UpdateControl.<HelpDesk>noUpdate().rescheduleAfter(seconds, TimeUnit.SECONDS);
    }

    /** A reconcile that threw is status too (JOSDK retries it with back-off meanwhile). */
    @Override
    public ErrorStatusUpdateControl<HelpDesk> updateErrorStatus(HelpDesk hd, Context<HelpDesk> context, Exception e) {
        HelpDeskStatus previous = hd.getStatus() == null ? new HelpDeskStatus() : hd.getStatus();
        String error = ErrorMessages.describe(e);
        HelpDeskStatus next = StatusReport.reconcileFailed(hd, previous, error);
        if (!JSON.valueToTree(next).equals(JSON.valueToTree(previous))) {
            try {
                hd.setStatus(next);
                client.resource(hd).updateStatus();
            } catch (RuntimeException writeFailed) {
                return ErrorStatusUpdateControl.noStatusUpdate(); // a newer object or no API server: the retry reports it
            }
            events.warning(hd, "ReconcileError", error);
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** Returns how long until the next scheduled backup, when there is a schedule. */
    private Optional<java.time.Duration> install(HelpDesk hd, Observed observed, SpecValidator.Result validation, StatusReport report,
                                                  Applier applier) {
        var spec = hd.getSpec();
        // shared objects carry the version that runs (their version label), not one that is still being checked or migrated
        String runningVersion = hd.getStatus().version;
        HelpDesk running = runningVersion == null || runningVersion.equals(spec.version) ? hd : Versions.servingAs(hd, runningVersion);
        applier.apply(observed.get(ServiceAccount.class, Names.serviceAccount(hd)), SupportDependents.serviceAccount(running));
        CredentialsStep credentials = new CredentialsStep(client, applier, hd, observed, report);
        CredentialsRollout.Hashes hashes = credentials.generated();
        boolean firstAdminCreated = observed.get(Deployment.class, Names.app(hd)).isPresent()
                || (hd.getStatus() != null && hd.getStatus().version != null);
        credentials.admin(firstAdminCreated, observed.all(Pod.class));
        ConfigMap config = AppConfigMapDependent.desired(running);
        applier.apply(observed.get(ConfigMap.class, Names.config(hd)), config);
        if (!spec.attachments.storage.usesS3Bucket()) {
            applier.createOnce(observed.get(PersistentVolumeClaim.class, Names.attachments(hd)), SupportDependents.attachments(hd));
        }

        boolean databaseReady = true;
        boolean redisReady = true;
        if (!spec.database.usesExternal()) {
            StatefulSet desiredPg = PostgresDependents.statefulSet(hd);
            CredentialsRollout.stamp(desiredPg.getSpec().getTemplate(), hashes.database());
            StatefulSet pg = applier.apply(observed.get(StatefulSet.class, Names.postgres(hd)), desiredPg);
            applier.apply(observed.get(Service.class, Names.postgres(hd)), PostgresDependents.service(hd));
            databaseReady = readyReplicas(pg) >= 1;
        }
        if (!spec.redis.usesExternal()) {
            // installations from before 1.1 ran Redis as a Deployment on an emptyDir: replace it (docs/operations.md)
            Optional<Deployment> legacyRedis = observed.get(Deployment.class, Names.redis(hd));
            if (legacyRedis.isPresent()) {
                applier.deleteIfPresent(legacyRedis);
                report.announce("RedisMovedToStatefulSet", "managed Redis now runs as the StatefulSet " + Names.redis(hd)
                        + " with a volume; jobs not yet done in the old Deployment's Redis were lost (docs/operations.md)", false);
            }
            StatefulSet desiredRedis = RedisDependents.statefulSet(hd);
            CredentialsRollout.stamp(desiredRedis.getSpec().getTemplate(), hashes.redis());
            StatefulSet redis = applier.apply(observed.get(StatefulSet.class, Names.redis(hd)), desiredRedis);
            applier.apply(observed.get(Service.class, Names.redis(hd)), RedisDependents.service(hd));
            redisReady = readyReplicas(redis) >= 1;
        }
        if (!spec.database.usesExternal() || !spec.redis.usesExternal()) {
            applier.apply(observed.get(NetworkPolicy.class, Names.networkPolicy(hd)), SupportDependents.dataAccess(running));
        }
        report.dataServices(databaseReady, redisReady, spec.database.usesExternal(), spec.redis.usesExternal());

        List<Pod> pods = observed.all(Pod.class);
        Optional<HelpDeskRestore> holding = RestoreStep.holding(observed.all(HelpDeskRestore.class));
        holding.ifPresent(r -> report.restoring(r.getMetadata().getName(), r.getStatus().message));
        BackupsStep backups = new BackupsStep(client, applier, hd, observed.all(HelpDeskBackup.class), clock.now(), report);
        // nothing else touches the database while a restore holds it
        Optional<java.time.Duration> untilScheduledBackup = holding.isPresent() ? Optional.empty() : backups.schedule();
        HelpDeskStatus.Migration last = hd.getStatus() == null ? null : hd.getStatus().migration;
        // spec.version, unless a rollback restored the version before: that one is migrated (checked) and served instead
        String target = RestoreStep.target(hd);
        HelpDesk targeted = target.equals(spec.version) ? hd : Versions.servingAs(hd, target);
        // a new version whose migration has not started yet: the pre-upgrade backup comes first
        boolean upgrading = hd.getStatus() != null && hd.getStatus().version != null && !hd.getStatus().version.equals(target)
                && (last == null || !target.equals(last.version));
        MigrationState migration = MigrationState.of(Optional.empty(), pods);
        // a version change is first asked of the new version (changes nothing), then backed up, then migrated
        VersionStep versions = new VersionStep(hd, observed, pods, report, applier, clock);
        boolean versionFits = holding.isPresent() || !upgrading || versions.fits();
        if (holding.isEmpty() && versionFits && backups.readyForUpgrade(upgrading, MigrationPlan.retryRequest(hd))) {
            HelpDeskStatus.Migration attempt = MigrationPlan.current(targeted, name -> observed.get(Job.class, name), migrationJobs(observed),
                    pods, databaseReady);
            announceAutomaticRetry(targeted, attempt, report);
            Optional<Job> job = observed.get(Job.class, attempt.job);
            if (job.isEmpty()) {
                // beside a starting database, not after it: the Job waits for connections itself (Flyway connect retries), so an
                // install overlaps the database's start with the migration pod's; a failure before the database was ready is retried
                attempt.startedBeforeDatabase = databaseReady ? null : Boolean.TRUE;
                job = Optional.of(applier.createOnce(job, MigrationJobDependent.desired(targeted, attempt.attempt)));
            }
            report.migrationAttempt(attempt);
            migration = MigrationState.of(job, pods);
            report.migration(attempt.job, target, migration, databaseReady);
            trimMigrationHistory(hd, observed, pods, attempt.job);
        }

        WriteFreezeStep freezes = new WriteFreezeStep(hd, observed, report, applier, clock.now());
        HelpDeskStatus.WriteFreeze freeze = freezes.current();
        // a rollback that restores keeps its record while the restore holds the workloads
        HelpDeskStatus.Rollback rollback = holding.isPresent() ? inForce(hd) : versions.rollback(migration, freeze);
        report.rollback(rollback);
        // until the spec's version is migrated (and unless it was rolled back), the version that serves keeps getting every other
        // change (replicas, resources); a rollback that restores keeps the failed version's workloads until the restore took over
        String serving = rollback != null ? (rollback.restore == null || RestoreStep.restoredBack(hd) ? rollback.toVersion : spec.version)
                : migration.phase() == MigrationState.Phase.SUCCEEDED ? target : hd.getStatus().version;
        if (serving != null) {
            HelpDesk at = serving.equals(spec.version) ? hd : Versions.servingAs(hd, serving);
            String configHash = Applier.hashOf(JSON.valueToTree(config.getData()).toString(), validation.referencedSecretsFingerprint());
            boolean autoscaled = Boolean.TRUE.equals(spec.app.autoscaling.enabled);
            Optional<Deployment> liveApp = observed.get(Deployment.class, Names.app(hd));
            reportSecretChange(liveApp, validation.referencedSecretsFingerprint(), report);
            boolean pinned = AttachmentsPlacement.pinned(hd, observed.get(PersistentVolumeClaim.class, Names.attachments(hd)));
            Deployment appDesired = AppDependents.deployment(at, configHash, validation.referencedSecretsFingerprint());
            Deployment workerDesired = WorkerDependent.deployment(at, configHash, validation.referencedSecretsFingerprint());
            CredentialsRollout.stamp(appDesired.getSpec().getTemplate(), hashes.workloads());
            CredentialsRollout.stamp(workerDesired.getSpec().getTemplate(), hashes.workloads());
            if (pinned) {
                AttachmentsPlacement.pin(appDesired, hd);
                AttachmentsPlacement.pin(workerDesired, hd);
            }
            if (holding.isPresent()) {
                appDesired.getSpec().setReplicas(0);
                workerDesired.getSpec().setReplicas(0);
            }
            applier.apply(liveApp, appDesired, (live, next) -> {
                if (autoscaled && holding.isEmpty()) {
                    // the HPA's number: kept while this manager still owns the field (leaving it out then would reset it to 1),
                    // not claimed once the HPA took it over, so its every scale costs no write here
                    next.getSpec().setReplicas(applier.manages(live, "spec", "replicas") ? live.getSpec().getReplicas() : null);
                }
            });
            applier.apply(observed.get(Service.class, Names.app(hd)), AppDependents.service(at));
            applier.apply(observed.get(Deployment.class, Names.worker(hd)), workerDesired);
            applier.apply(observed.get(Service.class, Names.worker(hd)), WorkerDependent.service(at));
            optional(applier, AppDependents.wantsPdb(hd), observed.get(PodDisruptionBudget.class, Names.app(hd)), () -> AppDependents.pdb(at));
            optional(applier, autoscaled && holding.isEmpty(), observed.get(HorizontalPodAutoscaler.class, Names.app(hd)),
                    () -> AppDependents.hpa(at));
            optional(applier, Boolean.TRUE.equals(spec.ingress.enabled), observed.get(Ingress.class, Names.app(hd)), () -> AppDependents.ingress(at));
            serviceMonitor(at, report, applier);
            prometheusRule(at, report, applier);
        }

        Optional<Deployment> app = observed.get(Deployment.class, Names.app(hd));
        Optional<Deployment> worker = observed.get(Deployment.class, Names.worker(hd));
        report.workloads(app, worker, pods);
        report.volume(observed.get(PersistentVolumeClaim.class, Names.attachments(hd)));
        if (rollback != null && rollback.completedAt == null && report.appAt(rollback.toVersion)
                && (rollback.restore == null || RestoreStep.restoredBack(hd))) {
            rollback.completedAt = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            if (rollback.restore != null) {
                report.announce("RollbackCompleted", "app and worker run " + rollback.toVersion + " again on the pre-upgrade backup " + rollback.backup
                        + " (restored by HelpDeskRestore " + rollback.restore + "), undoing the migration to " + rollback.fromVersion
                        + "; writes were frozen from that backup on, so nothing written was lost", false);
            }
        }
        if (freeze != null && serving != null) {
            boolean over = freezes.over(freeze, target, migration, rollback, report.rolledOut());
            freeze = freezes.settle(freeze, over, serving);
        }
        report.writeFreeze(freeze);
        if (available(app) > 0) {
            ResourceID id = ResourceID.fromResource(hd);
            report.appHealth(health.cached(Names.appUrl(hd), () -> healthChanged.propagateEvent(id)));
        } else {
            report.appHealth(Optional.empty());
        }
        return untilScheduledBackup;
    }

    /** The stored rollback of spec.version, if any. */
    private static HelpDeskStatus.Rollback inForce(HelpDesk hd) {
        HelpDeskStatus.Rollback r = hd.getStatus().rollback;
        return r != null && hd.getSpec().version.equals(r.fromVersion) ? r : null;
    }

    /** Only where the Prometheus Operator's CRD exists; otherwise say so instead of failing. */
    private void serviceMonitor(HelpDesk hd, StatusReport report, Applier applier) {
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
        optional(applier, wanted, actual, () -> ServiceMonitorDependent.desired(hd));
    }

    /** The HelpDesk's alerts (PrometheusRuleDependent), only where the Prometheus Operator's CRD exists. */
    private void prometheusRule(HelpDesk hd, StatusReport report, Applier applier) {
        boolean wanted = Boolean.TRUE.equals(hd.getSpec().monitoring.prometheusRule);
        if (wanted ? !prometheusRules.installed() : !prometheusRules.knownInstalled()) {
            if (wanted) {
                report.note("monitoring.prometheusRule is on but the PrometheusRule CRD (" + dev.helpdesk.operator.dependent.PrometheusRuleDependent.CRD
                        + ") is not installed; no PrometheusRule was created");
            }
            return;
        }
        var resources = client.genericKubernetesResources(dev.helpdesk.operator.dependent.PrometheusRuleDependent.API_VERSION,
                dev.helpdesk.operator.dependent.PrometheusRuleDependent.KIND).inNamespace(hd.getMetadata().getNamespace());
        Optional<GenericKubernetesResource> actual = Optional.ofNullable(resources.withName(Names.alerts(hd)).get());
        optional(applier, wanted, actual, () -> dev.helpdesk.operator.dependent.PrometheusRuleDependent.desired(hd));
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> void optional(Applier applier, boolean wanted, Optional<R> actual,
                                                                                java.util.function.Supplier<R> desired) {
        if (wanted) {
            applier.apply(actual, desired.get());
        } else {
            applier.deleteIfPresent(actual);
        }
    }

    private static List<Job> migrationJobs(Observed observed) {
        return observed.all(Job.class).stream().filter(j -> j.getMetadata().getLabels() != null
                && MigrationJobDependent.COMPONENT.equals(j.getMetadata().getLabels().get(dev.helpdesk.operator.dependent.Labels.COMPONENT)))
                .toList();
    }

    /** Keeps the newest succeeded and failed migration Jobs (spec.upgrade.*JobsHistoryLimit), and the current attempt's. */
    private void trimMigrationHistory(HelpDesk hd, Observed observed, List<Pod> pods, String current) {
        List<Job> migrations = migrationJobs(observed);
        var upgrade = hd.getSpec().upgrade;
        for (Job old : MigrationHistory.surplus(migrations, pods, current, upgrade.successfulJobsHistoryLimit, upgrade.failedJobsHistoryLimit)) {
            client.resource(old).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        }
    }

    private static void announceAutomaticRetry(HelpDesk hd, HelpDeskStatus.Migration attempt, StatusReport report) {
        HelpDeskStatus.Migration last = hd.getStatus() == null ? null : hd.getStatus().migration;
        if (last != null && Boolean.TRUE.equals(last.startedBeforeDatabase) && attempt.version.equals(last.version)
                && last.attempt != null && attempt.attempt == last.attempt + 1 && java.util.Objects.equals(attempt.retryRequest, last.retryRequest)) {
            // started while the database was still starting, its failure may be that: one more attempt, now that it is ready
            report.announce("MigrationRetried", "Job " + last.job + ", started while the database was still starting, failed; attempt "
                    + attempt.attempt + " (Job " + attempt.job + ") starts now that the database is ready", false);
        }
    }

    /** A referenced Secret's data changed (a rotated password): the pods roll through the hash on their template; say so. */
    private static void reportSecretChange(Optional<Deployment> liveApp, String fingerprint, StatusReport report) {
        String before = liveApp.map(d -> d.getSpec().getTemplate().getMetadata().getAnnotations())
                .map(a -> a.get(AppDependents.SECRETS_HASH)).orElse(null);
        if (before != null && !before.equals(fingerprint)) {
            report.announce("ReferencedSecretChanged", "a Secret the spec references changed; app and worker pods roll to use it", false);
        }
    }

    private static int readyReplicas(StatefulSet s) {
        return s.getStatus() == null || s.getStatus().getReadyReplicas() == null ? 0 : s.getStatus().getReadyReplicas();
    }

    static int available(Optional<Deployment> d) {
        return d.map(Deployment::getStatus).map(s -> s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas()).orElse(0);
    }
}
