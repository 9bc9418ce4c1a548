package dev.helpdesk.operator.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupSpec;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.dependent.BackupJobs;
import dev.helpdesk.operator.dependent.Labels;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.JobResult;
import dev.helpdesk.operator.reconciler.Applier;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one HelpDeskBackup: waits its turn (one backup at a time per HelpDesk, oldest first), runs
 * the backup Job at the version that serves, and fills the status from the Job's result line.
 * Deleting it deletes its stored files first (finalizer, delete Job); the HelpDesk need not exist.
 */
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "persistentvolumeclaims", verbs = {"get", "create"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
@RBACRule(apiGroups = "helpdesk.dev", resources = "helpdesks", verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "helpdeskbackup", fieldManager = Applier.MANAGER)
public class HelpDeskBackupReconciler implements Reconciler<HelpDeskBackup>, Cleaner<HelpDeskBackup> {
    static final String SUCCEEDED = "Succeeded";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HelpDeskBackupReconciler.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private final KubernetesClient client;
    private final EventRecorder events;
    private final dev.helpdesk.operator.reconciler.StatusWrites<HelpDeskBackupStatus> statusWrites =
            new dev.helpdesk.operator.reconciler.StatusWrites<>();
    private final dev.helpdesk.operator.lifecycle.OperatorClock clock;

    public HelpDeskBackupReconciler(KubernetesClient client, dev.helpdesk.operator.lifecycle.OperatorClock clock) {
        this.client = client;
        this.events = new EventRecorder(client);
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, HelpDeskBackup>> prepareEventSources(EventSourceContext<HelpDeskBackup> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, HelpDeskBackup.class)
                .withName("BackupJobs")
                .withLabelSelector(Labels.COMPONENT + "=" + BackupJobs.COMPONENT)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(HelpDeskBackup.class))
                .build(), context));
    }

    @Override
    public UpdateControl<HelpDeskBackup> reconcile(HelpDeskBackup backup, Context<HelpDeskBackup> context) {
        statusWrites.catchUp(backup); // a cache behind our last write would start or finish the backup twice
        HelpDeskBackupStatus before = backup.getStatus() == null ? new HelpDeskBackupStatus() : backup.getStatus();
        HelpDeskBackupStatus next = Serialization.clone(before);
        String phase = backup.phase();
        boolean waiting = false;
        if (phase.equals(HelpDeskBackupStatus.SUCCEEDED) || phase.equals(HelpDeskBackupStatus.FAILED)) {
            return UpdateControl.noUpdate();
        }
        if (next.job == null) {
            waiting = start(backup, context, next);
        } else {
            Optional<Job> job = context.getSecondaryResourcesAsStream(Job.class).filter(j -> before.job.equals(j.getMetadata().getName())).findFirst()
                    .or(() -> Optional.ofNullable(client.batch().v1().jobs().inNamespace(ns(backup)).withName(before.job).get()));
            if (job.isEmpty()) {
                finish(backup, next, false, "its Job " + next.job + " was deleted before it finished", null);
            } else {
                observe(backup, job.get(), next);
            }
        }
        writeStatus(backup, before, next);
        // a backup waiting for another one, or for its HelpDesk, looks again: nothing it watches tells it when
        return waiting ? UpdateControl.<HelpDeskBackup>noUpdate().rescheduleAfter(10, TimeUnit.SECONDS) : UpdateControl.noUpdate();
    }

    /** Starts the Job when it is this backup's turn; true while it waits. */
    private boolean start(HelpDeskBackup backup, Context<HelpDeskBackup> context, HelpDeskBackupStatus next) {
        String hdName = backup.getSpec().helpDeskRef == null ? null : backup.getSpec().helpDeskRef.name;
        HelpDesk hd = hdName == null ? null : client.resources(HelpDesk.class).inNamespace(ns(backup)).withName(hdName).get();
        if (hd == null) {
            finish(backup, next, false, "HelpDesk " + hdName + " does not exist in namespace " + ns(backup), "HelpDeskNotFound");
            return false;
        }
        String serving = hd.getStatus() == null ? null : hd.getStatus().version;
        if (serving == null) {
            pending(next, "WaitingForHelpDesk", "HelpDesk " + hdName + " has no version running yet; the backup starts once it has");
            return true;
        }
        Optional<HelpDeskBackup> ahead = ahead(backup, context);
        if (ahead.isPresent()) {
            pending(next, "WaitingForBackup", "backup " + ahead.get().getMetadata().getName() + " of HelpDesk " + hdName
                    + " runs first (one at a time)");
            return true;
        }
        HelpDesk at = Serialization.clone(hd);
        at.getSpec().version = serving;
        String major = postgresMajor(hd);
        if (!hd.getSpec().backup.target.usesS3Bucket()) {
            BackupVolume.ensure(client, hd);
        }
        // the backup a rollback may restore: nothing may be written after it while the upgrade can still fail
        String freeze = HelpDeskBackupSpec.PRE_UPGRADE.equals(backup.getSpec().reason()) && hd.getSpec().upgrade.freezesWrites(hd.getSpec().backup)
                ? "upgrade from " + serving + " to " + hd.getSpec().version + " (pre-upgrade backup " + backup.getMetadata().getName() + ")"
                : null;
        Applier.Created<Job> created = new Applier(client, null, d -> { }).create(BackupJobs.backup(at, backup, major, freeze));
        Job job = created.object();
        next.helpDesk = hdName;
        next.job = job.getMetadata().getName();
        next.image = job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        next.target = Serialization.clone(hd.getSpec().backup.target);
        next.appVersion = serving;
        next.writesFrozen = job.getSpec().getTemplate().getSpec().getInitContainers().stream().anyMatch(c -> "freeze".equals(c.getName()))
                ? Boolean.TRUE : null;
        next.phase = HelpDeskBackupStatus.RUNNING;
        next.message = "Job " + next.job + " is backing up the database (PostgreSQL " + major + " tools) and attachments of " + hdName
                + " at version " + serving;
        next.conditions = new Conditions(next.conditions, generation(backup)).set(SUCCEEDED, "Unknown", "Running", next.message).list();
        if (created.isNew()) {
            next.startedAt = now();
            events.normal(backup, "BackupStarted", next.message);
        } else {
            // started by an earlier reconcile whose status write this cache has not seen yet: it may even have finished
            next.startedAt = job.getMetadata().getCreationTimestamp();
            observe(backup, job, next);
        }
        return false;
    }

    private void observe(HelpDeskBackup backup, Job job, HelpDeskBackupStatus next) {
        List<Pod> pods = client.pods().inNamespace(ns(backup)).withLabel("job-name", job.getMetadata().getName()).list().getItems();
        JobResult result = JobResult.of(job, pods);
        switch (result.phase()) {
            case RUNNING -> { }
            case SUCCEEDED -> {
                JsonNode r = result.result();
                next.location = text(r, "location");
                next.sha256 = text(r, "sha256");
                next.schemaVersion = text(r, "schemaVersion");
                next.writesFrozenAt = text(r, "writesFrozenSince");
                next.sizeBytes = r.hasNonNull("sizeBytes") ? r.get("sizeBytes").asLong() : null;
                next.size = next.sizeBytes == null ? null : Sizes.human(next.sizeBytes);
                next.attachments = r.hasNonNull("attachments") ? r.get("attachments").asInt() : null;
                String missing = r.hasNonNull("attachmentsMissing") ? "; " + r.get("attachmentsMissing").asInt()
                        + " attachment files were already missing from storage and are not in it" : "";
                finish(backup, next, true, "stored at " + next.location + " (" + next.size + ", schema " + next.schemaVersion + ")" + missing,
                        "BackupCompleted");
            }
            case FAILED -> finish(backup, next, false, "Job " + job.getMetadata().getName() + " failed: " + result.error() + ". See kubectl logs job/"
                    + job.getMetadata().getName() + " -n " + ns(backup) + " --all-containers", "JobFailed");
        }
    }

    private void finish(HelpDeskBackup backup, HelpDeskBackupStatus next, boolean ok, String message, String reason) {
        next.phase = ok ? HelpDeskBackupStatus.SUCCEEDED : HelpDeskBackupStatus.FAILED;
        next.completedAt = now();
        next.message = message;
        String why = reason != null ? reason : ok ? "BackupCompleted" : "JobDeleted";
        next.conditions = new Conditions(next.conditions, generation(backup)).set(SUCCEEDED, ok, why, message).list();
        String eventReason = ok ? "BackupCompleted" : "BackupFailed";
        String text = "backup " + backup.getMetadata().getName() + ": " + message;
        if (ok) {
            events.normal(backup, eventReason, message);
        } else {
            events.warning(backup, eventReason, message);
        }
        // the HelpDesk's own story (kubectl describe hd) tells it too
        Optional.ofNullable(next.helpDesk).map(n -> client.resources(HelpDesk.class).inNamespace(ns(backup)).withName(n).get())
                .ifPresent(hd -> {
                    if (ok) {
                        events.normal(hd, eventReason, text);
                    } else {
                        events.warning(hd, eventReason, text);
                    }
                });
    }

    private static void pending(HelpDeskBackupStatus next, String reason, String message) {
        next.phase = HelpDeskBackupStatus.PENDING;
        next.message = message;
        next.conditions = new Conditions(next.conditions, 0).set(SUCCEEDED, "Unknown", reason, message).list();
    }

    /** The backup of the same HelpDesk that goes first: one running, or an older one not started yet. */
    private static Optional<HelpDeskBackup> ahead(HelpDeskBackup backup, Context<HelpDeskBackup> context) {
        String hd = backup.getSpec().helpDeskRef.name;
        Comparator<HelpDeskBackup> age = Comparator.comparing((HelpDeskBackup b) -> String.valueOf(b.getMetadata().getCreationTimestamp()))
                .thenComparing(b -> b.getMetadata().getName());
        return context.getPrimaryCache().list(ns(backup))
                .filter(b -> hd.equals(b.helpDeskName()) && !b.getMetadata().getName().equals(backup.getMetadata().getName()))
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .filter(b -> b.phase().equals(HelpDeskBackupStatus.RUNNING)
                        || (b.phase().equals(HelpDeskBackupStatus.PENDING) && age.compare(b, backup) < 0))
                .min(age);
    }

    /** Client tools of the server's major: the managed one from the spec, an external one as its last migration found it. */
    public static String postgresMajor(HelpDesk hd) {
        if (!hd.getSpec().database.usesExternal()) {
            return hd.getSpec().database.managedOrDefault().version;
        }
        String reported = hd.getStatus() == null ? null : hd.getStatus().postgresMajor;
        return reported == null ? dev.helpdesk.operator.api.DatabaseSpec.DEFAULT_POSTGRES_MAJOR : reported;
    }

    @Override
    public DeleteControl cleanup(HelpDeskBackup backup, Context<HelpDeskBackup> context) {
        HelpDeskBackupStatus status = backup.getStatus();
        if (status == null || status.job == null || status.image == null || status.target == null) {
            return DeleteControl.defaultDelete(); // nothing was ever stored
        }
        String name = Names.deleteBackupJob(backup.getMetadata().getName());
        Job job = client.batch().v1().jobs().inNamespace(ns(backup)).withName(name).get();
        if (job == null) {
            try {
                job = new Applier(client, null, d -> { }).create(BackupJobs.delete(backup)).object();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 403 && String.valueOf(e.getMessage()).contains("being terminated")) {
                    // the whole namespace is going: a backup volume in it goes too, and no Job can start there any more;
                    // holding the finalizer would keep the namespace Terminating for ever
                    LOG.warnf("namespace %s is being deleted: backup %s is removed without its delete Job%s", ns(backup),
                            backup.getMetadata().getName(), status.target.usesS3Bucket() ? "; its files stay at " + status.location : "");
                    return DeleteControl.defaultDelete();
                }
                throw e;
            }
        }
        List<Pod> pods = client.pods().inNamespace(ns(backup)).withLabel("job-name", name).list().getItems();
        JobResult result = JobResult.of(job, pods);
        switch (result.phase()) {
            case SUCCEEDED -> {
                events.normal(backup, "BackupDeleted", "the files at " + status.location + " were deleted");
                return DeleteControl.defaultDelete();
            }
            case FAILED -> {
                // kept until its files are gone: deleting the Job retries; removing the finalizer by hand leaves the files
                events.warning(backup, "BackupDeleteFailed", "Job " + name + " could not delete " + status.location + ": " + result.error()
                        + ". Delete the Job to retry, or remove the finalizer to keep the files (docs/backup-and-restore.md)");
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(60, TimeUnit.SECONDS);
            }
            default -> {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(5, TimeUnit.SECONDS);
            }
        }
    }

    private void writeStatus(HelpDeskBackup backup, HelpDeskBackupStatus before, HelpDeskBackupStatus next) {
        if (JSON.valueToTree(next).equals(JSON.valueToTree(before))) {
            return;
        }
        String resourceVersion = backup.getMetadata().getResourceVersion();
        backup.setStatus(next);
        statusWrites.remember(backup, resourceVersion, client.resource(backup).updateStatus());
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }

    private String now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long generation(HelpDeskBackup b) {
        return b.getMetadata().getGeneration() == null ? 0 : b.getMetadata().getGeneration();
    }

    private static String ns(HelpDeskBackup b) {
        return b.getMetadata().getNamespace();
    }
}
