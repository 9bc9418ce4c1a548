package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Upgrades on a real API server: PostgreSQL and Redis are not restarted by an app upgrade; a failed
 * migration keeps the old version serving (and still receiving other changes), says so with one
 * Warning Event, is retried only when asked; finished Jobs are trimmed. Needs the kubelet rules in
 * src/test/resources/e2e/kubelet-rules.json (app version 9.9.9 fails its migration).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationE2E extends E2ESupport {
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static String postgresPod;
    private static String redisPod;

    private String uid(String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p == null ? null : p.getMetadata().getUid();
    }

    private Object status(String field) {
        return helpDesk("support").get("status", field);
    }

    private void setVersion(String version, Integer replicas) {
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.put("version", version);
            if (replicas != null) {
                spec.put("app", new HashMap<>(Map.of("replicas", replicas)));
            }
            return h;
        });
    }

    private String appImage() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private List<String> migrationJobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/component", "migration").list().getItems()
                .stream().map(Job::getMetadata).map(m -> m.getName()).sorted().toList();
    }

    @Test
    @Order(1)
    void anUpgradeLeavesPostgresAndRedisRunning() {
        startLeadingOperator();
        installMinimalReady();
        postgresPod = uid("support-postgres-0");
        redisPod = uid("support-redis-0");
        assertThat(postgresPod).isNotNull();
        assertThat(redisPod).isNotNull();

        setVersion("1.1.0", null);
        eventually("1.1.0 serving", Duration.ofMinutes(2), () -> {
            assertThat(status("version")).isEqualTo("1.1.0");
            assertThat(condition("support", "Ready")).hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
        });
        assertThat(uid("support-postgres-0")).as("PostgreSQL pod untouched").isEqualTo(postgresPod);
        assertThat(uid("support-redis-0")).as("Redis pod untouched").isEqualTo(redisPod);
        assertThat(appImage()).endsWith(":1.1.0");
    }

    @Test
    @Order(2)
    void aFailedMigrationKeepsTheOldVersionServingWithOneWarning() throws InterruptedException {
        setVersion("9.9.9", null);
        StatusCondition ready = awaitCondition("support", "Ready", "False", SHORT);
        eventually("MigrationFailed", SHORT, () -> assertThat(condition("support", "Ready"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("MigrationFailed")));
        ready = condition("support", "Ready").orElseThrow();
        assertThat(ready.message()).contains("relation tickets already exists").contains("helpdesk.dev/retry-migration");
        assertThat(appImage()).as("the old version keeps serving").endsWith(":1.1.0");
        Thread.sleep(5_000); // any repeat would come within a few reconciles
        var warnings = events("HelpDesk", "support").stream().filter(e -> "MigrationFailed".equals(e.getReason())).toList();
        assertThat(warnings).as("one Event").singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getCount()).as("reported once").isEqualTo(1);
        });
    }

    @Test
    @Order(3)
    void otherChangesStillReachTheServingVersionWithoutRerunningTheMigration() {
        List<String> before = migrationJobs();
        setVersion("9.9.9", 3);
        eventually("3 app replicas at 1.1.0", SHORT, () -> {
            var app = client.apps().deployments().inNamespace(ns).withName("support-app").get();
            assertThat(app.getSpec().getReplicas()).isEqualTo(3);
            assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.1.0");
        });
        assertThat(migrationJobs()).as("no new migration attempt").isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRetryIsASecondAttemptAndOldJobsAreTrimmed() {
        helpDesks().withName("support").edit(h -> {
            h.getMetadata().setAnnotations(new HashMap<>(Map.of("helpdesk.dev/retry-migration", "1")));
            return h;
        });
        eventually("attempt 2", SHORT, () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> migration = (Map<String, Object>) status("migration");
            assertThat(migration).containsEntry("attempt", 2).containsEntry("version", "9.9.9");
            assertThat(condition("support", "Ready")).hasValueSatisfying(c -> assertThat(c.message()).contains("-2 failed"));
        });
        eventually("history: the newest succeeded and the newest failed Job", SHORT, () -> assertThat(migrationJobs())
                .hasSize(2)
                .anyMatch(n -> n.startsWith("support-migrate-1-1-0-") && n.endsWith("-1"))
                .anyMatch(n -> n.startsWith("support-migrate-9-9-9-") && n.endsWith("-2")));
        assertThat(uid("support-postgres-0")).as("PostgreSQL pod still untouched").isEqualTo(postgresPod);
        assertThat(uid("support-redis-0")).as("Redis pod still untouched").isEqualTo(redisPod);
    }

    @Test
    @Order(5)
    void thePostgresMajorCannotChangeInPlace() {
        setPostgres("17");
        eventually("InvalidSpec naming the field", SHORT, () -> assertThat(condition("support", "Ready")).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo("InvalidSpec");
            assertThat(c.message()).contains("spec.database.managed.version").contains("cannot change to 17 in place");
        }));
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).endsWith(":16-alpine");
        assertThat(uid("support-postgres-0")).as("PostgreSQL pod untouched").isEqualTo(postgresPod);
        setPostgres("16");
        eventually("back to the migration failure it had", SHORT, () -> assertThat(condition("support", "Ready"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("MigrationFailed")));
    }

    private void setPostgres(String major) {
        helpDesks().withName("support").edit(h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) h.getAdditionalProperties().get("spec");
            spec.put("database", new HashMap<>(Map.of("managed", new HashMap<>(Map.of("version", major)))));
            return h;
        });
    }
}
