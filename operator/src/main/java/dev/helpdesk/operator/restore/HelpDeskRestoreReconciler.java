package dev.helpdesk.operator.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskRestoreStatus;
import dev.helpdesk.operator.lifecycle.JobResult;
import dev.helpdesk.operator.dependent.BackupJobs;
import dev.helpdesk.operator.dependent.Labels;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.OperatorClock;
import dev.helpdesk.operator.reconciler.Applier;
import dev.helpdesk.operator.reconciler.StatusWrites;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A HelpDeskRestore, step by step, each step persisted in its status so a restarted operator
 * resumes it: checks, a safety backup, app and worker scaled to 0 (by the HelpDesk, which sees
 * the restore), the restore Job, then the HelpDesk takes over the restored database (the backup's
 * version first, then spec.version through a new migration attempt) and the restore waits for it
 * to be Ready. Nothing is changed before the restore Job's database step.
 */
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "helpdesk.dev", resources = "helpdesks", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "helpdesk.dev", resources = "helpdeskbackups", verbs = {"get", "list", "watch", "create"})
@ControllerConfiguration(name = "helpdeskrestore", fieldManager = Applier.MANAGER)
public class HelpDeskRestoreReconciler implements Reconciler<HelpDeskRestore> {
    static final String SUCCEEDED = "Succeeded";
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private final KubernetesClient client;
    private final EventRecorder events;
    private final OperatorClock clock;
    private final StatusWrites<HelpDeskRestoreStatus> statusWrites = new StatusWrites<>();

    public HelpDeskRestoreReconciler(KubernetesClient client, OperatorClock clock) {
        this.client = client;
        this.events = new EventRecorder(client);
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, HelpDeskRestore>> prepareEventSources(EventSourceContext<HelpDeskRestore> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, HelpDeskRestore.class)
                .withName("RestoreJobs")
                .withLabelSelector(Labels.COMPONENT + "=" + BackupJobs.RESTORE_COMPONENT)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(HelpDeskRestore.class))
                .build(), context));
    }

    @Override
    public UpdateControl<HelpDeskRestore> reconcile(HelpDeskRestore restore, Context<HelpDeskRestore> context) {
        statusWrites.catchUp(restore);
        HelpDeskRestoreStatus before = restore.getStatus() == null ? new HelpDeskRestoreStatus() : restore.getStatus();
        HelpDeskRestoreStatus next = Serialization.clone(before);
        Step step = new Step(restore, next, context);
        switch (restore.phase()) {
            case HelpDeskRestoreStatus.PENDING -> step.start();
            case HelpDeskRestoreStatus.SAFETY_BACKUP -> step.safetyBackup();
            case HelpDeskRestoreStatus.SCALING_DOWN -> step.scaleDown();
            case HelpDeskRestoreStatus.RESTORING -> step.restore();
            case HelpDeskRestoreStatus.STARTING -> step.awaitHelpDesk();
            default -> { }
        }
        // a phase change is taken up at once; the steps that wait on other objects look again soon
        if (!JSON.valueToTree(next).equals(JSON.valueToTree(before))) {
            String resourceVersion = restore.getMetadata().getResourceVersion();
            restore.setStatus(next);
            statusWrites.remember(restore, resourceVersion, client.resource(restore).updateStatus());
        }
        boolean finished = next.phase != null && (next.phase.equals(HelpDeskRestoreStatus.SUCCEEDED) || next.phase.equals(HelpDeskRestoreStatus.FAILED));
        return finished ? UpdateControl.noUpdate() : UpdateControl.<HelpDeskRestore>noUpdate().rescheduleAfter(3, TimeUnit.SECONDS);
    }

    /** One reconcile of one restore. */
    private final class Step {
        private final HelpDeskRestore restore;
        private final HelpDeskRestoreStatus next;
        private final Context<HelpDeskRestore> context;
        private final String ns;

        Step(HelpDeskRestore restore, HelpDeskRestoreStatus next, Context<HelpDeskRestore> context) {
            this.restore = restore;
            this.next = next;
            this.context = context;
            this.ns = restore.getMetadata().getNamespace();
        }

        void start() {
            String hdName = restore.getSpec().helpDeskRef == null ? null : restore.getSpec().helpDeskRef.name;
            String backupName = restore.getSpec().backupRef == null ? null : restore.getSpec().backupRef.name;
            HelpDesk hd = helpDesk(hdName);
            if (hd == null) {
                fail("HelpDeskNotFound", "HelpDesk " + hdName + " does not exist in namespace " + ns + "; nothing was changed");
                return;
            }
            HelpDeskBackup backup = backupName == null ? null
                    : client.resources(HelpDeskBackup.class).inNamespace(ns).withName(backupName).get();
            if (backup == null) {
                fail("BackupNotFound", "HelpDeskBackup " + backupName + " does not exist in namespace " + ns + "; nothing was changed");
                return;
            }
            if (!HelpDeskBackupStatus.SUCCEEDED.equals(backup.phase())) {
                fail("BackupNotSucceeded", "HelpDeskBackup " + backupName + " is " + backup.phase() + ": only a Succeeded backup can be"
                        + " restored; nothing was changed");
                return;
            }
            if (!hdName.equals(backup.helpDeskName()) && !Boolean.TRUE.equals(restore.getSpec().fromOtherHelpDesk)) {
                fail("BackupOfOtherHelpDesk", "HelpDeskBackup " + backupName + " is of HelpDesk " + backup.helpDeskName()
                        + ", not " + hdName + "; set spec.fromOtherHelpDesk: true to restore it into " + hdName + " (its files must be"
                        + " readable from here: S3, or that HelpDesk's backup volume); nothing was changed");
                return;
            }
            Optional<HelpDeskRestore> other = context.getPrimaryCache().list(ns)
                    .filter(r -> !r.getMetadata().getName().equals(restore.getMetadata().getName()))
                    .filter(r -> hdName.equals(r.getSpec().helpDeskRef.name) && r.active()).findFirst();
            if (other.isPresent()) {
                pending("WaitingForRestore", "HelpDeskRestore " + other.get().getMetadata().getName() + " of HelpDesk " + hdName
                        + " runs first");
                return;
            }
            next.startedAt = now();
            next.restoredFrom = backupName + " (" + backup.getStatus().location + ")";
            next.appVersion = backup.getStatus().appVersion;
            boolean running = hd.getStatus() != null && hd.getStatus().version != null;
            if (running) {
                next.safetyBackup = Names.safetyBackup(restore.getMetadata().getName());
                to(HelpDeskRestoreStatus.SAFETY_BACKUP, "SafetyBackup", "backing up HelpDesk " + hdName + " as it is now (HelpDeskBackup "
                        + next.safetyBackup + ") before restoring " + backupName);
            } else {
                to(HelpDeskRestoreStatus.SCALING_DOWN, "ScalingDown", "HelpDesk " + hdName + " has no version running: nothing to back up;"
                        + " restoring " + backupName);
            }
            announce(hd, "RestoreStarted", "restoring HelpDeskBackup " + backupName + " into HelpDesk " + hdName, false);
        }

        void safetyBackup() {
            HelpDeskBackup safety = client.resources(HelpDeskBackup.class).inNamespace(ns).withName(next.safetyBackup).get();
            if (safety == null) {
                safety = new Applier(client, null, d -> { }).create(safetyBackupObject()).object();
            }
            switch (safety.phase()) {
                case HelpDeskBackupStatus.SUCCEEDED -> to(HelpDeskRestoreStatus.SCALING_DOWN, "ScalingDown", "safety backup "
                        + next.safetyBackup + " done; app and worker scale to 0");
                case HelpDeskBackupStatus.FAILED -> fail("SafetyBackupFailed", "the safety backup " + next.safetyBackup + " failed ("
                        + safety.getStatus().message + "); nothing was changed");
                default -> { }
            }
        }

        void scaleDown() {
            String hd = restore.getSpec().helpDeskRef.name;
            int left = pods(hd + "-app") + pods(hd + "-worker");
            if (left > 0) {
                next.message = "waiting for app and worker of " + hd + " to stop (" + left + " pods left)";
                return;
            }
            HelpDesk helpDesk = helpDesk(hd);
            HelpDeskBackup backup = client.resources(HelpDeskBackup.class).inNamespace(ns).withName(restore.getSpec().backupRef.name).get();
            if (helpDesk == null || backup == null) {
                fail(helpDesk == null ? "HelpDeskNotFound" : "BackupNotFound", (helpDesk == null ? "HelpDesk " + hd : "HelpDeskBackup "
                        + restore.getSpec().backupRef.name) + " was deleted before the restore started; nothing was changed");
                return;
            }
            Job job = new Applier(client, null, d -> { }).create(BackupJobs.restore(helpDesk, restore, backup,
                    dev.helpdesk.operator.backup.HelpDeskBackupReconciler.postgresMajor(helpDesk))).object();
            next.job = job.getMetadata().getName();
            to(HelpDeskRestoreStatus.RESTORING, "Restoring", "Job " + next.job + " restores " + restore.getSpec().backupRef.name
                    + " (database, then attachment files)");
        }

        void restore() {
            Optional<Job> job = context.getSecondaryResourcesAsStream(Job.class).filter(j -> next.job.equals(j.getMetadata().getName()))
                    .findFirst().or(() -> Optional.ofNullable(client.batch().v1().jobs().inNamespace(ns).withName(next.job).get()));
            if (job.isEmpty()) {
                fail("JobDeleted", "the restore Job " + next.job + " was deleted before it finished");
                return;
            }
            List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", next.job).list().getItems();
            JobResult result = JobResult.of(job.get(), pods);
            boolean databaseDone = databaseRestored(pods);
            if (databaseDone) {
                next.databaseRestored = true;
            }
            switch (result.phase()) {
                case SUCCEEDED -> {
                    next.databaseRestored = true;
                    next.schemaVersion = result.result().path("schemaVersion").asText(null);
                    to(HelpDeskRestoreStatus.STARTING, "Starting", "restored " + restore.getSpec().backupRef.name + " (schema "
                            + next.schemaVersion + "); HelpDesk " + restore.getSpec().helpDeskRef.name + " runs its version "
                            + next.appVersion + " and then spec.version");
                }
                case FAILED -> {
                    String logs = ". See kubectl logs job/" + next.job + " -n " + ns + " --all-containers";
                    if (Boolean.TRUE.equals(next.databaseRestored)) {
                        // the database is the backup's now: the HelpDesk must run the backup's version all the same
                        fail("FilesNotRestored", "the database was restored, but putting the attachment files back failed: " + result.error()
                                + logs + ". HelpDesk " + restore.getSpec().helpDeskRef.name + " runs the backup's version " + next.appVersion
                                + "; apply a new HelpDeskRestore of the same backup to put the files back");
                    } else {
                        fail("RestoreFailed", "Job " + next.job + " failed before changing the database: " + result.error() + logs
                                + ". HelpDesk " + restore.getSpec().helpDeskRef.name + " returns as it was");
                    }
                }
                default -> { }
            }
        }

        void awaitHelpDesk() {
            HelpDesk hd = helpDesk(restore.getSpec().helpDeskRef.name);
            if (hd == null || hd.getStatus() == null) {
                return;
            }
            boolean taken = hd.getStatus().restore != null && restore.getMetadata().getName().equals(hd.getStatus().restore.name);
            boolean ready = Conditions.find(hd.getStatus().conditions, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false);
            var rollback = hd.getStatus().rollback;
            if (taken && rollback != null && restore.getMetadata().getName().equals(rollback.restore)) {
                // an automatic rollback's restore: done when the version rolled back to runs again (spec.version stays the failed one)
                if (rollback.completedAt != null) {
                    next.phase = HelpDeskRestoreStatus.SUCCEEDED;
                    next.completedAt = now();
                    next.message = "HelpDesk " + hd.getMetadata().getName() + " runs " + rollback.toVersion + " again on the restored database"
                            + " (rolled back from " + rollback.fromVersion + "; from " + next.restoredFrom + ")";
                    next.conditions = conditions().set(SUCCEEDED, true, "Restored", next.message).list();
                    announce(hd, "RestoreSucceeded", next.message, false);
                } else {
                    next.message = "restored; waiting for HelpDesk " + hd.getMetadata().getName() + " to run " + rollback.toVersion + " on it";
                }
            } else if (taken && ready && hd.getSpec().version.equals(hd.getStatus().version)) {
                next.phase = HelpDeskRestoreStatus.SUCCEEDED;
                next.completedAt = now();
                next.message = "HelpDesk " + hd.getMetadata().getName() + " runs " + hd.getSpec().version + " on the restored database"
                        + " (from " + next.restoredFrom + ", schema " + hd.getStatus().schemaVersion + ")";
                next.conditions = conditions().set(SUCCEEDED, true, "Restored", next.message).list();
                announce(hd, "RestoreSucceeded", next.message, false);
            } else {
                next.message = "restored; waiting for HelpDesk " + hd.getMetadata().getName() + " to run " + hd.getSpec().version
                        + " on it (now " + hd.getStatus().version + ")";
            }
        }

        private HelpDeskBackup safetyBackupObject() {
            HelpDeskBackup b = new HelpDeskBackup();
            b.setMetadata(new ObjectMetaBuilder().withName(next.safetyBackup).withNamespace(ns).build());
            b.getSpec().helpDeskRef = new HelpDeskBackupSpec.LocalRef();
            b.getSpec().helpDeskRef.name = restore.getSpec().helpDeskRef.name;
            b.getSpec().reason = HelpDeskBackupSpec.PRE_RESTORE;
            return b;
        }

        private int pods(String deployment) {
            Deployment d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
            if (d == null || d.getStatus() == null) {
                return 0;
            }
            int replicas = d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
            int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            return Math.max(replicas, wanted);
        }

        private HelpDesk helpDesk(String name) {
            return name == null ? null : client.resources(HelpDesk.class).inNamespace(ns).withName(name).get();
        }

        private void to(String phase, String reason, String message) {
            next.phase = phase;
            next.message = message;
            next.conditions = conditions().set(SUCCEEDED, "Unknown", reason, message).list();
            events.normal(restore, reason, message);
        }

        private void pending(String reason, String message) {
            next.phase = HelpDeskRestoreStatus.PENDING;
            next.message = message;
            next.conditions = conditions().set(SUCCEEDED, "Unknown", reason, message).list();
        }

        private void fail(String reason, String message) {
            next.phase = HelpDeskRestoreStatus.FAILED;
            next.completedAt = now();
            next.message = message;
            next.conditions = conditions().set(SUCCEEDED, false, reason, message).list();
            announce(helpDesk(restore.getSpec().helpDeskRef == null ? null : restore.getSpec().helpDeskRef.name), "RestoreFailed", message, true);
        }

        private void announce(HelpDesk hd, String reason, String message, boolean warning) {
            if (warning) {
                events.warning(restore, reason, message);
            } else {
                events.normal(restore, reason, message);
            }
            if (hd != null) {
                String text = "HelpDeskRestore " + restore.getMetadata().getName() + ": " + message;
                if (warning) {
                    events.warning(hd, reason, text);
                } else {
                    events.normal(hd, reason, text);
                }
            }
        }

        private Conditions conditions() {
            return new Conditions(next.conditions, restore.getMetadata().getGeneration() == null ? 0 : restore.getMetadata().getGeneration());
        }
    }

    /** The database step (an init container) finished: from here on the database is the backup's. */
    private static boolean databaseRestored(List<Pod> pods) {
        return pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getInitContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getInitContainerStatuses().stream())
                .anyMatch(cs -> "database".equals(cs.getName()) && cs.getState() != null && cs.getState().getTerminated() != null
                        && Integer.valueOf(0).equals(cs.getState().getTerminated().getExitCode()));
    }

    private String now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
