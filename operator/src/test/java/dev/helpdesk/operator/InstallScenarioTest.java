package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fresh install of samples/helpdesk-minimal.yaml, step by step, and what it leaves behind. */
@QuarkusTest
class InstallScenarioTest extends OperatorTest {
    private static final String MIGRATION = dev.helpdesk.operator.dependent.Names.migration("support", "1.0.0", 1);


    @Test
    void minimalSampleReachesReadyWithEveryResourcePresentAndCorrect() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        assertThat(hd.getStatus().version).isEqualTo("1.0.0");
        assertThat(hd.getStatus().phase).isEqualTo("Ready");
        assertThat(hd.getStatus().schemaVersion).isEqualTo("2");
        assertThat(hd.getStatus().app.ready).isEqualTo("2/2");
        assertThat(hd.getStatus().worker.ready).isEqualTo("1/1");
        assertThat(hd.getStatus().observedGeneration).isEqualTo(hd.getMetadata().getGeneration());
        assertThat(hd.getStatus().url).isEqualTo("http://support-app." + ns + ".svc:8080");
        assertThat(hd.getStatus().health.redis).isEqualTo("Unknown");
        assertThat(hd.getStatus().conditions).extracting(Condition::getType)
                .containsExactly("Ready", "Progressing", "Degraded", "DatabaseReady", "Migrated", "BackupHealthy");

        Deployment app = client.apps().deployments().inNamespace(ns).withName("support-app").get();
        var container = app.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/helpdesk-dev/helpdesk-app:1.0.0");
        assertThat(container.getArgs()).containsExactly("serve");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("support-config");
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("DATABASE_URL", "REDIS_URL", "HELPDESK_SECRET", "HELPDESK_ADMIN_EMAIL", "HELPDESK_ADMIN_PASSWORD");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("DATABASE_URL")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("postgresql://helpdesk:$(DATABASE_PASSWORD)@support-postgres:5432/helpdesk"));
        assertThat(app.getSpec().getReplicas()).isEqualTo(2);
        assertThat(app.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(app.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).hasSize(2);
        assertThat(app.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("helpdesk.dev/config-hash");
        // the attachments volume is ReadWriteOnce: app and worker pods must share its node
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("support-attachments").get().getSpec().getAccessModes())
                .containsExactly("ReadWriteOnce");
        assertThat(app.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(t -> {
                    assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(t.getLabelSelector().getMatchLabels()).containsEntry("helpdesk.dev/attachments-volume", "support-attachments");
                });
        assertThat(app.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("helpdesk.dev/attachments-volume", "support-attachments");

        Deployment worker = client.apps().deployments().inNamespace(ns).withName("support-worker").get();
        assertThat(worker.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("worker");
        assertThat(worker.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("helpdesk.dev/attachments-volume", "support-attachments");
        Job migration = client.batch().v1().jobs().inNamespace(ns).withName(MIGRATION).get();
        assertThat(migration.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("migrate");
        assertThat(migration.getSpec().getBackoffLimit()).as("one more pod for a restart race, no loop").isEqualTo(1);
        assertThat(migration.getMetadata().getName()).matches("support-migrate-1-0-0-[0-9a-f]{6}-1");
        StatefulSet pg = client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get();
        assertThat(pg.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getExec().getCommand())
                .contains("pg_isready");
        assertThat(pg.getSpec().getPersistentVolumeClaimRetentionPolicy()).as("Retain, the default, left unset").isNull();
        StatefulSet redis = client.apps().statefulSets().inNamespace(ns).withName("support-redis").get();
        assertThat(redis.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(c -> assertThat(c.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("1Gi"));
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--appendonly", "--dir", "/data");
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-redis").get()).as("no Redis Deployment").isNull();

        var configMap = client.configMaps().inNamespace(ns).withName("support-config").get();
        assertThat(configMap.getData()).containsEntry("RATE_LIMIT_MAX_REQUESTS", "20").containsEntry("WORKER_CONCURRENCY", "5")
                .containsEntry("ATTACH_MAX_BYTES", "26214400").containsEntry("STORAGE_PATH", "/var/lib/helpdesk/attachments");
        var admin = client.secrets().inNamespace(ns).withName("support-admin").get();
        assertThat(admin).isNotNull();

        List<HasMetadata> owned = List.of(app, worker, migration, pg, configMap, admin,
                client.secrets().inNamespace(ns).withName("support-secrets").get(),
                client.services().inNamespace(ns).withName("support-app").get(),
                client.services().inNamespace(ns).withName("support-postgres").get(),
                client.services().inNamespace(ns).withName("support-redis").get(),
                redis,
                client.serviceAccounts().inNamespace(ns).withName("support").get(),
                client.network().v1().networkPolicies().inNamespace(ns).withName("support-data").get(),
                client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("support-app").get());
        for (HasMetadata r : owned) {
            assertThat(r).as("resource").isNotNull();
            assertThat(r.getMetadata().getOwnerReferences()).as(r.getKind() + " " + r.getMetadata().getName())
                    .anySatisfy(o -> {
                        assertThat(o.getKind()).isEqualTo("HelpDesk");
                        assertThat(o.getUid()).isEqualTo(hd.getMetadata().getUid());
                        assertThat(o.getController()).isTrue();
                    });
            // PostgreSQL and Redis carry their own version: an app upgrade must not touch them
            String component = r.getMetadata().getLabels().get("app.kubernetes.io/component");
            String version = component.equals("database") ? "16" : component.equals("redis") ? "7.4" : "1.0.0";
            assertThat(r.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "helpdesk-operator")
                    .containsEntry("app.kubernetes.io/instance", "support").as(r.getKind() + " " + r.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/version", version);
        }
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("support-app").get()).isNull();
        assertThat(client.network().v1().ingresses().inNamespace(ns).withName("support-app").get()).isNull();
        assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .extracting(e -> e.getReason()).contains("MigrationSucceeded", "Ready");
    }

    @Test
    void theAppIsNotCreatedBeforeTheMigrationSucceeded() {
        cluster.hold(true);
        try {
            install("helpdesk-minimal.yaml");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get() != null);
            awaitCondition("support", Conditions.READY, "False", "WaitingForDatabase");
            // the migration pod starts beside the database and waits for it; the app does not
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName(MIGRATION).get()).as("migration beside the database").isNotNull();
            assertThat(awaitCondition("support", Conditions.MIGRATED, "False", "Migrating").getMessage())
                    .contains("waits for the database to accept connections");
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get()).as("app before the database").isNull();
            cluster.holdJobs(true);
            cluster.hold(false);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.batch().v1().jobs().inNamespace(ns).withName(MIGRATION).get() != null);
            awaitCondition("support", Conditions.MIGRATED, "False", "Migrating");
            assertThat(get("support").getStatus().phase).isEqualTo("Migrating");
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get()).as("app during migration").isNull();
            assertThat(client.apps().deployments().inNamespace(ns).withName("support-worker").get()).as("worker during migration").isNull();
            cluster.holdJobs(false);
            awaitCondition("support", Conditions.READY, "True", "AsExpected");
        } finally {
            cluster.hold(false);
            cluster.holdJobs(false);
        }
    }

    @Test
    void aMigrationThatFailedWhileTheDatabaseStartedRunsOnceMoreWhenItIsReady() {
        String second = dev.helpdesk.operator.dependent.Names.migration("support", "1.0.0", 2);
        cluster.holdDataServices(true);
        try {
            cluster.failJob(MIGRATION, "Connection to support-postgres:5432 refused");
            install("helpdesk-minimal.yaml");
            Condition waiting = awaitCondition("support", Conditions.MIGRATED, "False", "WaitingForDatabase");
            assertThat(waiting.getMessage()).contains(MIGRATION).contains("refused").contains("a new attempt starts once the database is ready");
            assertThat(get("support").getStatus().migration.startedBeforeDatabase).isTrue();
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName(second).get()).as("no retry before the database").isNull();
        } finally {
            cluster.holdDataServices(false);
        }
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        HelpDesk ready = get("support");
        assertThat(ready.getStatus().migration.attempt).isEqualTo(2);
        assertThat(ready.getStatus().migration.job).isEqualTo(second);
        assertThat(ready.getStatus().migration.startedBeforeDatabase).isNull();
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).extracting(e -> e.getReason())
                .contains("MigrationRetried").doesNotContain("MigrationFailed");
    }

    @Test
    void aFailedMigrationStopsTheInstallWithoutRetryLoops() throws InterruptedException {
        // the first attempt may have started beside the database and get its one automatic retry: both fail here
        cluster.failJob(MIGRATION, "relation tickets already exists");
        cluster.failJob(dev.helpdesk.operator.dependent.Names.migration("support", "1.0.0", 2), "relation tickets already exists");
        install("helpdesk-minimal.yaml");
        Condition migrated = awaitCondition("support", Conditions.MIGRATED, "False", "MigrationFailed");
        String job = get("support").getStatus().migration.job;
        assertThat(migrated.getMessage()).contains(job).contains("relation tickets already exists")
                .contains("kubectl logs job/" + job + " -n " + ns);
        awaitCondition("support", Conditions.READY, "False", "MigrationFailed");
        assertThat(get("support").getStatus().phase).isEqualTo("Failed");
        Thread.sleep(1500);
        assertThat(get("support").getStatus().migration.job).as("no further attempt").isEqualTo(job);
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get()).isNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-worker").get()).isNull();
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("MigrationFailed");
                    assertThat(e.getType()).isEqualTo("Warning");
                });
    }
}
