package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** upgrade.autoRollback: a rollout that fails after its migration goes back to the version before when that version serves the schema. */
@QuarkusTest
class RollbackScenarioTest extends OperatorTest {

    private void setVersion(String version) {
        edit("support", hd -> {
            hd.getSpec().version = version;
            return hd;
        });
    }

    private String image(String deployment) {
        return client.apps().deployments().inNamespace(ns).withName(deployment).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage().replaceAll(".*:", "");
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void aFailedRolloutGoesBackToTheVersionBeforeWhichServesTheMigratedSchema() {
        installReady("helpdesk-minimal.yaml");
        cluster.failRollout("1.1.0");
        setVersion("1.1.0");
        Condition ready = awaitCondition("support", Conditions.READY, "False", "RolledBack");
        HelpDesk hd = get("support");
        assertThat(hd.getStatus().rollback.fromVersion).isEqualTo("1.1.0");
        assertThat(hd.getStatus().rollback.toVersion).isEqualTo("1.0.0");
        assertThat(ready.getMessage()).startsWith("version 1.1.0 did not become ready (Deployment support-app: ReplicaSet \"support-app-x\""
                + " has timed out progressing.) and was rolled back at ").contains(": app and worker run 1.0.0, which serves the migrated"
                + " schema 2; nothing was restored. spec.version still says 1.1.0: set it to 1.0.0 to stay, or to a fixed version");
        awaitCondition("support", Conditions.PROGRESSING, "False", "RolledBack");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(image("support-app")).isEqualTo("1.0.0");
            assertThat(image("support-worker")).isEqualTo("1.0.0");
            assertThat(get("support").getStatus().phase).isEqualTo("Degraded");
        });
        assertThat(get("support").getSpec().version).as("the user's spec is left as written").isEqualTo("1.1.0");
        assertThat(get("support").getStatus().version).isEqualTo("1.0.0");
        assertThat(events("RolledBack")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("went back to 1.0.0").contains("nothing was restored");
        });
        assertThat(client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems()).as("only the pre-upgrade backup").hasSize(1);
        // nothing to restore: the freeze the pre-upgrade backup set ends as soon as 1.0.0 runs again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("support").getStatus().writeFreeze.until).isNotNull());
        assertThat(cluster.writesFrozen(ns)).isEmpty();

        setVersion("1.0.0"); // acknowledged: the rollback is over
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(get("support").getStatus().rollback).isNull();
    }

    @Test
    void whenTheVersionBeforeCannotServeTheSchemaThePreUpgradeBackupTakenUnderTheWriteFreezeIsRestored() {
        installReady("helpdesk-minimal.yaml");
        HelpDesk installed = get("support");
        cluster.failRollout("1.1.0");
        setVersion("1.1.0");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .anyMatch(j -> j.getMetadata().getName().startsWith("support-check-1-1-0-") && j.getStatus() != null));
        cluster.refuseVersion("1.0.0", "migration 2 removed what this version uses");
        String backup = dev.helpdesk.operator.dependent.Names.preUpgradeBackup(installed, "1.1.0", null);
        // the pre-upgrade backup froze writes before its dump, and the status says since when
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("support").getStatus().writeFreeze)
                .isNotNull().satisfies(f -> assertThat(f.backup).isEqualTo(backup)));
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName(dev.helpdesk.operator.dependent.Names.backupJob(backup)).get()
                .getSpec().getTemplate().getSpec().getInitContainers()).extracting(c -> c.getName()).containsExactly("freeze", "dump");

        Condition ready = awaitCondition("support", Conditions.READY, "False", "RolledBack");
        String restore = dev.helpdesk.operator.dependent.Names.rollbackRestore(installed, "1.1.0", backup);
        assertThat(ready.getMessage()).startsWith("version 1.1.0 did not become ready (Deployment support-app: ReplicaSet \"support-app-x\""
                + " has timed out progressing.) and was rolled back at ").contains(": 1.0.0 cannot serve the migrated schema, so HelpDeskRestore "
                + restore + " restore").contains(" the pre-upgrade backup " + backup + " (writes were frozen from it on: nothing written is lost)");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            HelpDesk hd = get("support");
            assertThat(hd.getStatus().rollback.completedAt).isNotNull();
            assertThat(hd.getStatus().rollback.restore).isEqualTo(restore);
            assertThat(hd.getStatus().rollback.backup).isEqualTo(backup);
            assertThat(hd.getStatus().writeFreeze.until).as("lifted once 1.0.0 runs again").isNotNull();
            assertThat(image("support-app")).isEqualTo("1.0.0");
            assertThat(image("support-worker")).isEqualTo("1.0.0");
            assertThat(hd.getStatus().phase).isEqualTo("Degraded");
            assertThat(client.resources(dev.helpdesk.operator.api.HelpDeskRestore.class).inNamespace(ns).withName(restore).get().phase())
                    .isEqualTo("Succeeded");
        });
        HelpDesk hd = get("support");
        assertThat(hd.getSpec().version).as("the user's spec is left as written").isEqualTo("1.1.0");
        assertThat(hd.getStatus().version).isEqualTo("1.0.0");
        assertThat(hd.getStatus().migration.version).as("the restored schema is checked by 1.0.0's migrate, not migrated to 1.1.0 again")
                .isEqualTo("1.0.0");
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).extracting(j -> j.getMetadata().getName())
                .as("no second migration to 1.1.0 (its first Job may be trimmed by the history limit)")
                .filteredOn(n -> n.startsWith("support-migrate-1-1-0-")).allSatisfy(n -> assertThat(n).endsWith("-1"));
        assertThat(cluster.writesFrozen(ns)).as("the restore brought the frozen dump back and lifted its freeze").isEmpty();
        assertThat(condition("support", Conditions.MIGRATED).orElseThrow().getMessage()).endsWith("for app 1.0.0");
        assertThat(condition("support", Conditions.READY).orElseThrow().getMessage()).contains("HelpDeskRestore " + restore + " restored the"
                + " pre-upgrade backup " + backup).contains("and app and worker run 1.0.0 on schema 2");
        assertThat(events("RolledBack")).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("1.0.0 cannot serve the migrated"
                + " schema 2 (migration 2 removed what this version uses), so HelpDeskRestore " + restore + " restores the pre-upgrade backup "
                + backup + "; writes have been frozen since "));
        assertThat(events("RollbackCompleted")).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("app and worker run 1.0.0 again"
                + " on the pre-upgrade backup " + backup));
        assertThat(events("WritesFrozen")).hasSize(1);
        assertThat(events("WritesUnfrozen")).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("writes were frozen for ")
                .contains("pre-upgrade backup " + backup + ", upgrade to 1.1.0); the desk accepts them again"));

        setVersion("1.0.0"); // acknowledged: the rollback is over
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        assertThat(get("support").getStatus().rollback).isNull();
    }

    @Test
    void withoutAVersionThatServesTheSchemaOrAWriteFreezeNothingIsRolledBackAndTheStatusSaysWhatToDo() {
        installReady("helpdesk-minimal.yaml");
        edit("support", h -> {
            h.getSpec().upgrade.writeFreeze = false;
            return h;
        });
        cluster.failRollout("1.1.0");
        setVersion("1.1.0");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .anyMatch(j -> j.getMetadata().getName().startsWith("support-check-1-1-0-") && j.getStatus() != null));
        cluster.refuseVersion("1.0.0", "migration 2 removed what this version uses");
        Condition ready = awaitCondition("support", Conditions.READY, "False", "RollbackRequiresRestore");
        assertThat(ready.getMessage()).contains("version 1.0.0 cannot serve the migrated schema (migration 2 removed what this version uses;"
                + " writes were not frozen since the pre-upgrade backup (upgrade.writeFreeze), so restoring it would lose what was written"
                + " since), so there is no automatic rollback")
                .contains("HelpDeskRestore of the pre-upgrade backup");
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).as("no freeze without upgrade.writeFreeze")
                .allSatisfy(j -> assertThat(j.getSpec().getTemplate().getSpec().getInitContainers()).extracting(c -> c.getName())
                        .doesNotContain("freeze"));
        assertThat(cluster.writesFrozen(ns)).isEmpty();
        assertThat(image("support-app")).isEqualTo("1.1.0");
        assertThat(get("support").getStatus().rollback).isNull();
    }

    @Test
    void withAutoRollbackOffAFailedRolloutStays() throws InterruptedException {
        HelpDesk hd = install("helpdesk-minimal.yaml");
        edit("support", h -> {
            h.getSpec().upgrade.autoRollback = false;
            return h;
        });
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
        cluster.failRollout("1.1.0");
        setVersion("1.1.0");
        await().atMost(Duration.ofSeconds(20)).until(() -> "1.1.0".equals(image("support-app")));
        Thread.sleep(3000);
        assertThat(image("support-app")).isEqualTo("1.1.0");
        assertThat(get("support").getStatus().rollback).isNull();
        assertThat(condition("support", Conditions.READY)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }
}
