package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * upgrade.writeFreeze: the desk is read-only from the pre-upgrade backup until the upgrade is over
 * — the new version ready, or its backup or migration failed — and the status and Events say for
 * how long. (The rollback that restores the frozen backup: RollbackScenarioTest.)
 */
@QuarkusTest
class WriteFreezeScenarioTest extends OperatorTest {

    private void setVersion(String version) {
        edit("support", hd -> {
            hd.getSpec().version = version;
            return hd;
        });
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    private HelpDeskStatus.WriteFreeze freeze() {
        return get("support").getStatus().writeFreeze;
    }

    @Test
    void writesAreFrozenFromThePreUpgradeBackupUntilTheNewVersionIsReady() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        String backup = Names.preUpgradeBackup(hd, "1.1.0", null);
        try {
            cluster.holdJobsNamed("-migrate-1-1-0-");
            setVersion("1.1.0");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(freeze()).isNotNull()
                    .satisfies(f -> assertThat(f.backup).isEqualTo(backup)).satisfies(f -> assertThat(f.until).isNull()));
            assertThat(cluster.writesFrozen(ns)).as("frozen while 1.1.0 migrates").isPresent();
            assertThat(freeze().version).isEqualTo("1.1.0");
            assertThat(events("WritesFrozen")).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo("writes are frozen from"
                    + " pre-upgrade backup " + backup + " on, until version 1.1.0 is ready: the desk answers them with 503 and Retry-After,"
                    + " reads keep working (upgrade.writeFreeze)"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(freeze().since)
                    .as("the database's own time, once the backup reported it").isEqualTo(cluster.writesFrozen(ns).orElseThrow()));
        } finally {
            cluster.holdJobsNamed(null);
        }
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(freeze().until).isNotNull());
        HelpDeskStatus.WriteFreeze lifted = freeze();
        assertThat(lifted.frozenSeconds).isEqualTo(Duration.between(Instant.parse(lifted.since), Instant.parse(lifted.until)).toSeconds());
        assertThat(lifted.unfreezeJob).isEqualTo(Names.unfreeze(backup));
        Job unfreeze = client.batch().v1().jobs().inNamespace(ns).withName(lifted.unfreezeJob).get();
        assertThat(unfreeze.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).as("the version that serves lifts it")
                .endsWith(":1.1.0");
        assertThat(cluster.writesFrozen(ns)).isEmpty();
        assertThat(events("WritesUnfrozen")).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("writes were frozen for ")
                .endsWith("(since " + lifted.since + ", pre-upgrade backup " + backup + ", upgrade to 1.1.0); the desk accepts them again"));
    }

    @Test
    void aFailedMigrationEndsTheFreezeTheOldVersionServesWritesAgain() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        cluster.failJob(Names.migration(hd, "1.1.0", 1), "column tickets.sla_state does not exist");
        setVersion("1.1.0");
        awaitCondition("support", Conditions.READY, "False", "MigrationFailed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(freeze()).isNotNull()
                .satisfies(f -> assertThat(f.until).isNotNull()));
        assertThat(cluster.writesFrozen(ns)).isEmpty();
        assertThat(events("WritesUnfrozen")).hasSize(1);
        assertThat(get("support").getStatus().version).isEqualTo("1.0.0");
    }

    @Test
    void aFailedPreUpgradeBackupEndsTheFreezeItSet() {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        String backup = Names.preUpgradeBackup(hd, "1.1.0", null);
        cluster.failJobIn(Names.backupJob(backup), "dump", "pg_dump: error: disk full");
        setVersion("1.1.0");
        awaitCondition("support", Conditions.READY, "False", "PreUpgradeBackupFailed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(freeze()).isNotNull()
                .satisfies(f -> assertThat(f.until).isNotNull()));
        assertThat(cluster.writesFrozen(ns)).isEmpty();
    }

    @Test
    void withoutWriteFreezeTheBackupFreezesNothing() {
        installReady("helpdesk-minimal.yaml");
        edit("support", h -> {
            h.getSpec().upgrade.writeFreeze = false;
            return h;
        });
        setVersion("1.1.0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("support").getStatus().version).isEqualTo("1.1.0"));
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(freeze()).isNull();
        assertThat(events("WritesFrozen")).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).allSatisfy(j -> assertThat(
                j.getSpec().getTemplate().getSpec().getInitContainers()).extracting(c -> c.getName()).doesNotContain("freeze"));
    }
}
