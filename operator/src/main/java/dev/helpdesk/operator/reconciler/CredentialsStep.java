package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.AdminResetJobDependent;
import dev.helpdesk.operator.dependent.AdminSecretDependent;
import dev.helpdesk.operator.dependent.GeneratedSecretDependent;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.lifecycle.MigrationState;
import dev.helpdesk.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * The generated Secret and the admin Secret through their lives (DESIGN §4.7): created once,
 * rotated on request, regenerated with a Warning when deleted, rolled out data services first
 * ({@link CredentialsRollout}); the admin Secret never replaced by one that does not work.
 */
final class CredentialsStep {
    static final String RESET_ADMIN_ANNOTATION = "helpdesk.dev/reset-admin-password";

    private final KubernetesClient client;
    private final Applier applier;
    private final Observed observed;
    private final StatusReport report;
    private final HelpDesk hd;
    private final HelpDeskStatus.Credentials before;
    private final HelpDeskStatus.Credentials next;

    CredentialsStep(KubernetesClient client, Applier applier, HelpDesk hd, Observed observed, StatusReport report) {
        this.client = client;
        this.applier = applier;
        this.hd = hd;
        this.observed = observed;
        this.report = report;
        this.before = hd.getStatus() == null ? null : hd.getStatus().credentials;
        this.next = before == null ? new HelpDeskStatus.Credentials() : Serialization.clone(before);
    }

    /** Makes the generated Secret what it should be and says which credentials hash each pod template carries now. */
    CredentialsRollout.Hashes generated() {
        boolean managedDb = !hd.getSpec().database.usesExternal();
        boolean managedRedis = !hd.getSpec().redis.usesExternal();
        Optional<StatefulSet> pg = managedDb ? observed.get(StatefulSet.class, Names.postgres(hd)) : Optional.empty();
        Optional<StatefulSet> redis = managedRedis ? observed.get(StatefulSet.class, Names.redis(hd)) : Optional.empty();
        Optional<Deployment> app = observed.get(Deployment.class, Names.app(hd));
        Optional<Deployment> worker = observed.get(Deployment.class, Names.worker(hd));
        boolean inUse = pg.isPresent() || redis.isPresent() || app.isPresent() || worker.isPresent();

        String name = Names.secrets(hd);
        // while a change rolls out, read the Secret itself: the cache may still hold the one from before our write
        Optional<Secret> live = next.rollout == null ? observed.get(Secret.class, name)
                : Optional.ofNullable(client.secrets().inNamespace(hd.getMetadata().getNamespace()).withName(name).get());
        Secret secret;
        if (live.isEmpty()) {
            Applier.Created<Secret> created = applier.create(GeneratedSecretDependent.desired(hd));
            secret = created.object();
            if (created.isNew() && inUse) {
                report.announce("CredentialsRegenerated", "Secret " + name + " was deleted; new database and Redis passwords and a new"
                        + " signing key were generated. PostgreSQL and Redis restart to apply them, then the app and worker pods"
                        + " (signed-in users sign in again). See docs/operations.md, \"I deleted a Secret\"", true);
            }
        } else {
            Optional<String> rotation = requested(CredentialsRollout.ROTATE_ANNOTATION, before == null ? null : before.rotationRequest);
            if (rotation.isPresent()) {
                // guarded by the live resourceVersion: a concurrent edit fails this write and the retry starts over
                secret = client.resource(GeneratedSecretDependent.rotated(live.get())).update();
                next.rotationRequest = rotation.get();
                report.announce("CredentialsRotated", "new database and Redis passwords are in Secret " + name
                        + "; PostgreSQL and Redis restart to apply them, then the app and worker pods", false);
            } else {
                secret = live.get();
            }
        }

        String database = CredentialsRollout.databaseHash(secret);
        String redisHash = CredentialsRollout.redisHash(secret);
        String workloads = CredentialsRollout.workloadsHash(secret);
        if (next.workloadsHash == null || !inUse) {
            next.workloadsHash = workloads; // nothing runs with other credentials: nothing to order
            next.rollout = null;
        } else if (!workloads.equals(next.workloadsHash)) {
            if (CredentialsRollout.runsWith(pg, database) && CredentialsRollout.runsWith(redis, redisHash)) {
                next.workloadsHash = workloads;
                next.rollout = CredentialsRollout.WORKLOADS;
                report.announce("CredentialsRotated", "PostgreSQL and Redis run with the new passwords; the app and worker pods roll to them now", false);
            } else {
                next.rollout = CredentialsRollout.DATA_SERVICES;
            }
        } else if (next.rollout != null && app.map(d -> CredentialsRollout.runsWith(d, workloads)).orElse(true)
                && worker.map(d -> CredentialsRollout.runsWith(d, workloads)).orElse(true)) {
            next.rollout = null;
            report.announce("CredentialsRotated", "the app and worker pods use the new credentials; the change is complete", false);
        }
        report.credentials(next);
        return new CredentialsRollout.Hashes(database, redisHash, next.workloadsHash);
    }

    /**
     * The admin Secret: made before the first start (the app creates the first admin from it), never
     * remade after: a new password there would not work. A reset on request goes through the app's
     * reset-admin-password role and only then becomes the admin Secret.
     */
    void admin(boolean firstAdminCreated, java.util.List<Pod> pods) {
        String name = Names.admin(hd);
        Optional<Secret> admin = observed.get(Secret.class, name);
        Optional<String> reset = requested(RESET_ADMIN_ANNOTATION, next.adminResetRequest);
        if (reset.isPresent() && firstAdminCreated) {
            admin = resetAdmin(reset.get(), admin, pods);
        } else if (admin.isEmpty() && !firstAdminCreated) {
            admin = Optional.of(applier.create(AdminSecretDependent.desired(hd)).object());
        }
        boolean missing = admin.isEmpty();
        if (missing) {
            String message = "Secret " + name + " is missing; the admin's password is unchanged in the app. To set a new one, annotate: kubectl annotate hd "
                    + hd.getMetadata().getName() + " " + RESET_ADMIN_ANNOTATION + "=$(date +%s) --overwrite (docs/operations.md)";
            report.note(message);
            if (!Boolean.TRUE.equals(before == null ? null : before.adminSecretMissing)) {
                report.announce("AdminSecretMissing", message, true);
            }
        }
        next.adminSecretMissing = missing ? Boolean.TRUE : null;
        report.credentials(next);
    }

    private Optional<Secret> resetAdmin(String request, Optional<Secret> admin, java.util.List<Pod> pods) {
        String name = Names.adminReset(hd, request);
        String email = admin.map(s -> s.getData() == null ? null : s.getData().get(AdminSecretDependent.EMAIL))
                .map(b64 -> new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8))
                .orElse(AdminSecretDependent.defaultEmail(hd));
        Optional<Secret> pending = observed.get(Secret.class, name);
        Secret newPassword = pending.orElseGet(() -> applier.create(AdminSecretDependent.reset(hd, name, email)).object());
        Optional<Job> job = observed.get(Job.class, name);
        if (job.isEmpty()) {
            job = Optional.of(applier.create(AdminResetJobDependent.desired(hd, name)).object());
        }
        MigrationState state = MigrationState.of(job, pods);
        switch (state.phase()) {
            case SUCCEEDED -> {
                Secret adminSecret = new SecretBuilder().withMetadata(dev.helpdesk.operator.dependent.Owned.meta(hd, Names.admin(hd), "admin"))
                        .withType("Opaque").withData(newPassword.getData()).build();
                Secret written = admin.isPresent()
                        ? client.resource(new SecretBuilder(admin.get()).withData(newPassword.getData()).withStringData(null).build()).update()
                        : client.resource(adminSecret).create();
                client.resource(newPassword).delete();
                client.resource(job.get()).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
                next.adminResetRequest = request;
                report.announce("AdminPasswordReset", "the admin password was reset by Job " + name + "; read it from Secret "
                        + Names.admin(hd) + "; the admin's sessions were ended", false);
                return Optional.of(written);
            }
            case FAILED -> {
                next.adminResetRequest = request; // no retry loop: a new annotation value asks again
                client.resource(newPassword).delete();
                report.announce("AdminPasswordResetFailed", "Job " + name + " could not reset the admin password"
                        + (state.message() == null ? "" : ": " + state.message()) + ". See kubectl logs job/" + name + " -n "
                        + hd.getMetadata().getNamespace() + "; Secret " + Names.admin(hd) + " is unchanged", true);
                return admin;
            }
            default -> {
                report.note("resetting the admin password: Job " + name);
                return admin;
            }
        }
    }

    private Optional<String> requested(String annotation, String handled) {
        Map<String, String> annotations = hd.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(annotation);
        return value == null || value.isBlank() || value.equals(handled) ? Optional.empty() : Optional.of(value);
    }
}
