package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskRestoreStatus;
import dev.helpdesk.operator.backup.HelpDeskBackupReconciler;
import dev.helpdesk.operator.lifecycle.OperatorClock;
import dev.helpdesk.operator.reconciler.HelpDeskReconciler;
import dev.helpdesk.operator.restore.HelpDeskRestoreReconciler;
import dev.helpdesk.operator.status.AppHealthProbe;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A restore survives operator restarts at its steps: the operator is replaced (a new Operator with
 * empty caches, as a new process) while the safety backup runs and again while the restore Job
 * runs; it finishes with one safety backup, one restore Job and one new migration attempt.
 */
@QuarkusTest
@TestProfile(RestoreRestartScenarioTest.OwnApplication.class)
class RestoreRestartScenarioTest extends OperatorTest {
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helpdesk.test.profile", "restore-restart");
        }
    }

    @Inject
    Operator operator;

    @Inject
    AppHealthProbe health;

    @Inject
    MeterRegistry metrics;

    private Operator restarted(Operator running) {
        running.stop();
        Operator next = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false));
        OperatorClock clock = new OperatorClock();
        next.register(new HelpDeskReconciler(client, health, metrics, clock));
        next.register(new HelpDeskBackupReconciler(client, clock));
        next.register(new HelpDeskRestoreReconciler(client, clock));
        next.start();
        return next;
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        await().alias(what).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(condition::get);
    }

    private String phase() {
        HelpDeskRestore r = client.resources(HelpDeskRestore.class).inNamespace(ns).withName("support-restore-1").get();
        return r == null ? null : r.phase();
    }

    @Test
    void restartsDuringTheSafetyBackupAndTheRestoreJobDuplicateNothing() {
        installReady("helpdesk-minimal.yaml");
        HelpDeskBackup b = Samples.load("backup.yaml", HelpDeskBackup.class, ns);
        client.resource(b).create();
        waitFor("backup", () -> HelpDeskBackupStatus.SUCCEEDED.equals(client.resources(HelpDeskBackup.class).inNamespace(ns)
                .withName("support-before-migration").get().phase()));

        Operator current = operator;
        try {
            cluster.holdJobs(true);
            client.resource(Samples.load("restore.yaml", HelpDeskRestore.class, ns)).create();
            waitFor("safety backup running", () -> client.batch().v1().jobs().inNamespace(ns).withName("support-restore-1-safety-backup").get() != null);
            current = restarted(current);
            cluster.holdJobs(false);
            waitFor("restore Job created", () -> client.batch().v1().jobs().inNamespace(ns).withName("support-restore-1-restore").get() != null
                    || HelpDeskRestoreStatus.SUCCEEDED.equals(phase()));
            cluster.holdJobs(true);
            current = restarted(current);
            cluster.holdJobs(false);
            waitFor("restore succeeded", () -> HelpDeskRestoreStatus.SUCCEEDED.equals(phase()));
            awaitCondition("support", Conditions.READY, "True", "AsExpected");
        } finally {
            cluster.holdJobs(false);
            current.stop();
        }
        List<String> jobs = client.batch().v1().jobs().inNamespace(ns).list().getItems().stream().map(Job::getMetadata)
                .map(m -> m.getName()).sorted().toList();
        assertThat(jobs).filteredOn(n -> n.startsWith("support-restore-1")).containsExactly("support-restore-1-restore",
                "support-restore-1-safety-backup");
        assertThat(jobs).filteredOn(n -> n.contains("-migrate-")).as("one new attempt (the install's, older, is trimmed by the history limit)")
                .containsExactly("support-migrate-1-0-0-b2e945-2");
        assertThat(get("support").getStatus().migration.attempt).isEqualTo(2);
        assertThat(client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems()).extracting(x -> x.getMetadata().getName())
                .containsExactlyInAnyOrder("support-before-migration", "support-restore-1-safety");
        assertThat(get("support").getStatus().restore.name).isEqualTo("support-restore-1");
        // never twice; it may be missing when the take-over happened in the operator that was being stopped (its Events come
        // after its status write), which status.restore above already proves
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "RestoreTakenOver".equals(e.getReason()))
                .hasSizeLessThanOrEqualTo(1);
    }
}
