package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.DatabaseSpec;
import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/** The managed PostgreSQL: a one-replica StatefulSet with a data volume that outlives it, and its Service. */
public final class PostgresDependents {
    static final String COMPONENT = "database";

    /** Sets the role's password from the Secret before the server takes network clients (DESIGN §4.7). */
    static final String APPLY_PASSWORD = script("postgres-apply-password.sh");
    static final String RESTORE_DATABASE = script("restore-database.sh");

    private PostgresDependents() {}

    /** The server image of a major version; its client tools (pg_dump) are that major too. */
    public static String image(String major) {
        return "docker.io/library/postgres:" + major + "-alpine";
    }

    private static String script(String name) {
        try (var in = PostgresDependents.class.getResourceAsStream(name)) {
            return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The restore Job's database step, for tests that run it against real PostgreSQL binaries. */
    public static String restoreDatabaseScript() {
        return RESTORE_DATABASE;
    }

    /** The init container's script, for tests that run it against real PostgreSQL binaries. */
    public static String applyPasswordScript() {
        return APPLY_PASSWORD;
    }

    public static StatefulSet statefulSet(HelpDesk hd) {
        DatabaseSpec.Managed m = hd.getSpec().database.managedOrDefault();
        var claim = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(Labels.selector(hd, COMPONENT)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(m.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(m.storage))).endResources().endSpec()
                .build();
        // the same for the server and the step before it that applies the Secret's password
        java.util.List<io.fabric8.kubernetes.api.model.EnvVar> env = java.util.List.of(
                new io.fabric8.kubernetes.api.model.EnvVar("POSTGRES_USER", "helpdesk", null),
                new io.fabric8.kubernetes.api.model.EnvVar("POSTGRES_DB", "helpdesk", null),
                new io.fabric8.kubernetes.api.model.EnvVar("PGDATA", "/var/lib/postgresql/data/pgdata", null),
                new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("POSTGRES_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                        .withName(Names.secrets(hd)).withKey(GeneratedSecretDependent.DATABASE_PASSWORD).endSecretKeyRef().endValueFrom().build());
        java.util.List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = java.util.List.of(
                new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("data").withMountPath("/var/lib/postgresql/data").build(),
                new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("run").withMountPath("/var/run/postgresql").build(),
                new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        return new StatefulSetBuilder()
                .withMetadata(Owned.meta(hd, Names.postgres(hd), Labels.ofDataService(hd, COMPONENT, m.version)))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(Names.postgres(hd))
                .withNewSelector().withMatchLabels(Labels.selector(hd, COMPONENT)).endSelector()
                // only when asked: Retain is the default, and before Kubernetes 1.27 the field needs a feature gate
                .withPersistentVolumeClaimRetentionPolicy(Boolean.TRUE.equals(m.deleteClaimOnRemoval)
                        ? new io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                                .withWhenDeleted("Delete").withWhenScaled("Retain").build()
                        : null)
                .withVolumeClaimTemplates(claim)
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.ofDataService(hd, COMPONENT, m.version)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.serviceAccount(hd))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
                .addNewInitContainer()
                .withName("apply-password")
                .withImage(image(m.version))
                .withCommand("sh", "-c", APPLY_PASSWORD)
                .withEnv(env)
                .withResources(ResourceDefaults.of(m.resources, "250m", "256Mi", "1Gi"))
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(mounts)
                .endInitContainer()
                .addNewContainer()
                .withName("postgres")
                .withImage(image(m.version))
                .addNewPort().withName("postgres").withContainerPort(5432).endPort()
                .withEnv(env)
                .withResources(ResourceDefaults.of(m.resources, "250m", "256Mi", "1Gi"))
                .withSecurityContext(PodSecurity.container())
                .withNewReadinessProbe().withNewExec().withCommand("pg_isready", "-U", "helpdesk", "-d", "helpdesk").endExec()
                .withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                .withNewLivenessProbe().withNewExec().withCommand("pg_isready", "-U", "helpdesk", "-d", "helpdesk").endExec()
                .withInitialDelaySeconds(30).withPeriodSeconds(10).withFailureThreshold(6).endLivenessProbe()
                .withVolumeMounts(mounts)
                .endContainer()
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(HelpDesk hd) {
        return new ServiceBuilder().withMetadata(Owned.meta(hd, Names.postgres(hd), Labels.ofDataService(hd, COMPONENT, hd.getSpec().database.managedOrDefault().version)))
                .withNewSpec().withSelector(Labels.selector(hd, COMPONENT))
                .addNewPort().withName("postgres").withPort(5432).withTargetPort(new IntOrString("postgres")).endPort()
                .endSpec().build();
    }
}
