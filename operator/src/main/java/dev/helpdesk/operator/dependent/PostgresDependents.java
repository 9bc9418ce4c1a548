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

    private PostgresDependents() {}

    public static StatefulSet statefulSet(HelpDesk hd) {
        DatabaseSpec.Managed m = hd.getSpec().database.managedOrDefault();
        var claim = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(Labels.selector(hd, COMPONENT)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(m.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(m.storage))).endResources().endSpec()
                .build();
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
                .addNewContainer()
                .withName("postgres")
                .withImage("docker.io/library/postgres:" + m.version + "-alpine")
                .addNewPort().withName("postgres").withContainerPort(5432).endPort()
                .addNewEnv().withName("POSTGRES_USER").withValue("helpdesk").endEnv()
                .addNewEnv().withName("POSTGRES_DB").withValue("helpdesk").endEnv()
                .addNewEnv().withName("PGDATA").withValue("/var/lib/postgresql/data/pgdata").endEnv()
                .addNewEnv().withName("POSTGRES_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(Names.secrets(hd)).withKey(GeneratedSecretDependent.DATABASE_PASSWORD).endSecretKeyRef().endValueFrom().endEnv()
                .withResources(ResourceDefaults.of(m.resources, "250m", "256Mi", "1Gi"))
                .withSecurityContext(PodSecurity.container())
                .withNewReadinessProbe().withNewExec().withCommand("pg_isready", "-U", "helpdesk", "-d", "helpdesk").endExec()
                .withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                .withNewLivenessProbe().withNewExec().withCommand("pg_isready", "-U", "helpdesk", "-d", "helpdesk").endExec()
                .withInitialDelaySeconds(30).withPeriodSeconds(10).withFailureThreshold(6).endLivenessProbe()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
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
