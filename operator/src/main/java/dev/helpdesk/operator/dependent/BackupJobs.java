package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.BackupSpec;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskRestore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Jobs of a HelpDeskBackup, owned by it. The backup Job dumps the database with the
 * server's own major version ({@code postgres:<major>} init container; pg_dump refuses a newer
 * server) into a shared emptyDir, then the app image's backup role adds the attachments, writes
 * the manifest and stores all three. The delete Job needs only the image and the target the
 * backup recorded, so it works after the HelpDesk is gone.
 */
public final class BackupJobs {
    public static final String COMPONENT = "backup";
    public static final String BACKUP_LABEL = "helpdesk.dev/backup";
    public static final String RESTORE_COMPONENT = "restore";
    public static final String RESTORE_LABEL = "helpdesk.dev/restore";
    static final String WORK = "/backup-work";
    static final String BACKUPS = "/backups";

    private BackupJobs() {}

    /**
     * {@code hd} at the version that serves (its image reads the schema the dump holds). With a
     * {@code freezeReason}, that version's {@code freeze-writes} role runs first, so the dump is the
     * last state anyone wrote until the operator lifts the freeze (upgrade.writeFreeze).
     */
    public static Job backup(HelpDesk hd, HelpDeskBackup backup, String postgresMajor, String freezeReason) {
        Container app = AppPods.container(hd, "backup", hd.getSpec().app.resources);
        app.getEnv().addAll(target(hd.getSpec().backup.target, backup.getMetadata().getName()));
        app.getEnv().add(new EnvVar("BACKUP_DUMP_FILE", WORK + "/database.dump", null));
        app.getVolumeMounts().add(new VolumeMountBuilder().withName("work").withMountPath(WORK).build());
        boolean attachments = !hd.getSpec().attachments.storage.usesS3Bucket();
        if (attachments) {
            app.getVolumeMounts().add(new VolumeMountBuilder().withName("attachments").withMountPath(AppConfigMapDependent.STORAGE_PATH)
                    .withReadOnly(true).build());
        }
        mountBackups(app, hd.getSpec().backup.target);

        Container dump = new ContainerBuilder()
                .withName("dump")
                .withImage(PostgresDependents.image(postgresMajor))
                .withCommand("sh", "-c", "exec pg_dump --format=custom --no-owner --no-privileges --file=" + WORK
                        + "/database.dump --dbname=\"$DATABASE_URL\"")
                .withEnv(AppEnvironment.secrets(hd).stream().filter(e -> e.getName().startsWith("DATABASE_")).toList())
                .withResources(ResourceDefaults.of(hd.getSpec().app.resources, "100m", "128Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath(WORK).build(),
                        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();

        PodSpec pod = AppPods.podSpec(hd, app, attachments, "Never");
        if (freezeReason == null) {
            pod.setInitContainers(List.of(dump));
        } else {
            Container freeze = AppPods.container(hd, "freeze-writes", hd.getSpec().app.resources);
            freeze.setName("freeze");
            freeze.getEnv().add(new EnvVar("WRITE_FREEZE_REASON", freezeReason, null));
            pod.setInitContainers(List.of(freeze, dump));
        }
        pod.getVolumes().add(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build());
        addBackupsVolume(pod, hd.getSpec().backup.target, hd.getMetadata().getName());
        PodTemplateSpec template = new PodTemplateSpecBuilder().withNewMetadata()
                .withLabels(labels(hd, backup)).endMetadata().withSpec(pod).build();
        if (attachments && AttachmentsPlacement.pinned(hd, java.util.Optional.empty())) {
            AttachmentsPlacement.pin(template, hd);
        }
        return job(meta(backup, Names.backupJob(backup.getMetadata().getName()), labels(hd, backup)), template, 6 * 3600L);
    }

    /**
     * Restores {@code backup} into {@code hd}'s database and attachment storage, with the backup's
     * own app version: {@code restore-fetch} checks and stages the files (nothing changes if they
     * are damaged), the server's own {@code postgres:<major>} image restores the database in one
     * transaction, {@code restore-files} puts the attachment files back.
     */
    public static Job restore(HelpDesk hd, HelpDeskRestore restore, HelpDeskBackup backup, String postgresMajor) {
        HelpDesk at = io.fabric8.kubernetes.client.utils.Serialization.clone(hd);
        at.getSpec().version = backup.getStatus().appVersion;
        String name = backup.getMetadata().getName();
        boolean attachments = !hd.getSpec().attachments.storage.usesS3Bucket();

        Container fetch = AppPods.container(at, "restore-fetch", hd.getSpec().app.resources);
        stage(fetch, backup, name);
        Container database = new ContainerBuilder()
                .withName("database")
                .withImage(PostgresDependents.image(postgresMajor))
                .withCommand("sh", "-c", PostgresDependents.RESTORE_DATABASE)
                .withEnv(AppEnvironment.secrets(hd).stream().filter(e -> e.getName().startsWith("DATABASE_")).toList())
                .withResources(ResourceDefaults.of(hd.getSpec().app.resources, "100m", "128Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath(WORK).build(),
                        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
        Container files = AppPods.container(at, "restore-files", hd.getSpec().app.resources);
        files.setName("restore");
        stage(files, backup, name);
        if (attachments) {
            files.getVolumeMounts().add(new VolumeMountBuilder().withName("attachments").withMountPath(AppConfigMapDependent.STORAGE_PATH).build());
        }

        PodSpec pod = AppPods.podSpec(hd, files, attachments, "Never");
        pod.setInitContainers(List.of(fetch, database));
        pod.getVolumes().add(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build());
        addBackupsVolume(pod, backup.getStatus().target, backup.getStatus().helpDesk);
        Map<String, String> labels = new java.util.LinkedHashMap<>(Labels.of(hd, RESTORE_COMPONENT));
        labels.put(RESTORE_LABEL, restore.getMetadata().getName());
        PodTemplateSpec template = new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).build();
        if (attachments && AttachmentsPlacement.pinned(hd, java.util.Optional.empty())) {
            AttachmentsPlacement.pin(template, hd);
        }
        ObjectMeta meta = new ObjectMetaBuilder().withName(Names.restoreJob(restore.getMetadata().getName()))
                .withNamespace(hd.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(restore.getApiVersion()).withKind(restore.getKind())
                        .withName(restore.getMetadata().getName()).withUid(restore.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .build();
        return job(meta, template, 6 * 3600L);
    }

    /** A restore container: the backup's target and name, the shared stage directory. */
    private static void stage(Container c, HelpDeskBackup backup, String name) {
        c.getEnv().addAll(target(backup.getStatus().target, name));
        c.getEnv().add(new EnvVar("BACKUP_STAGE_DIR", WORK, null));
        c.getVolumeMounts().add(new VolumeMountBuilder().withName("work").withMountPath(WORK).build());
        mountBackups(c, backup.getStatus().target);
    }

    /** Deletes the backup's files from where it recorded them; needs no database and no HelpDesk. */
    public static Job delete(HelpDeskBackup backup) {
        var status = backup.getStatus();
        String name = backup.getMetadata().getName();
        Container c = new ContainerBuilder()
                .withName("delete-backup")
                .withImage(status.image)
                .withArgs("delete-backup")
                .withEnv(target(status.target, name))
                .withResources(ResourceDefaults.of(null, "50m", "192Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withVolumeMounts(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .build();
        mountBackups(c, status.target);
        PodSpec pod = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.APP_UID))
                .withRestartPolicy("Never")
                .withContainers(c)
                .withVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
                .build();
        addBackupsVolume(pod, status.target, status.helpDesk);
        Map<String, String> labels = Map.of(Labels.MANAGED_BY, Labels.OPERATOR, Labels.COMPONENT, COMPONENT, BACKUP_LABEL, name);
        return job(meta(backup, Names.deleteBackupJob(name), labels),
                new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).build(), 600L);
    }

    /** BACKUP_* settings of the app's backup roles for {@code target}. */
    private static List<EnvVar> target(BackupSpec.Target target, String backupName) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("BACKUP_NAME", backupName, null));
        if (target.usesS3Bucket()) {
            env.add(new EnvVar("BACKUP_S3_ENDPOINT", target.s3.endpoint, null));
            env.add(new EnvVar("BACKUP_S3_BUCKET", target.s3.bucket, null));
            if (target.s3.prefix != null && !target.s3.prefix.isEmpty()) {
                env.add(new EnvVar("BACKUP_S3_PREFIX", target.s3.prefix, null));
            }
            if (target.s3.region != null && !target.s3.region.isEmpty()) {
                env.add(new EnvVar("BACKUP_S3_REGION", target.s3.region, null));
            }
            String secret = target.s3.secretRef == null ? null : target.s3.secretRef.name;
            env.add(secretKey("BACKUP_S3_ACCESS_KEY", secret, "accessKey"));
            env.add(secretKey("BACKUP_S3_SECRET_KEY", secret, "secretKey"));
        } else {
            env.add(new EnvVar("BACKUP_PATH", BACKUPS, null));
        }
        return env;
    }

    private static EnvVar secretKey(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }

    private static void mountBackups(Container c, BackupSpec.Target target) {
        if (!target.usesS3Bucket()) {
            c.getVolumeMounts().add(new VolumeMountBuilder().withName("backups").withMountPath(BACKUPS).build());
        }
    }

    private static void addBackupsVolume(PodSpec pod, BackupSpec.Target target, String helpDesk) {
        if (!target.usesS3Bucket()) {
            pod.getVolumes().add(new VolumeBuilder().withName("backups").withNewPersistentVolumeClaim()
                    .withClaimName(helpDesk + "-backups").endPersistentVolumeClaim().build());
        }
    }

    private static Map<String, String> labels(HelpDesk hd, HelpDeskBackup backup) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(Labels.of(hd, COMPONENT));
        labels.put(BACKUP_LABEL, backup.getMetadata().getName());
        return labels;
    }

    private static ObjectMeta meta(HelpDeskBackup backup, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(backup.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(backup.getApiVersion()).withKind(backup.getKind())
                        .withName(backup.getMetadata().getName()).withUid(backup.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .build();
    }

    /** Like the migration Job: one more pod after a node restart, then it has failed (the result line says why). */
    private static Job job(ObjectMeta meta, PodTemplateSpec template, long deadlineSeconds) {
        return new JobBuilder().withMetadata(meta).withNewSpec().withBackoffLimit(1).withActiveDeadlineSeconds(deadlineSeconds)
                .withTemplate(template).endSpec().build();
    }
}
