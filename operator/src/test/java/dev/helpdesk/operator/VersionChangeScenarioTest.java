package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A version change is first asked of the new version (migrate --dry-run): a downgrade it cannot serve is refused with nothing touched. */
@QuarkusTest
class VersionChangeScenarioTest extends OperatorTest {
    private static final String CANNOT = "the database schema is at version 9, newer than this version serves (8 to 8): migration 9 removed"
            + " what this version uses; run a newer version, or restore a backup taken by this version";

    private void setVersion(String version) {
        edit("support", hd -> {
            hd.getSpec().version = version;
            return hd;
        });
    }

    private void awaitServing(String version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("support").getStatus() != null && version.equals(get("support").getStatus().version)
                && condition("support", Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false));
    }

    private List<String> jobs(String containing) {
        return client.batch().v1().jobs().inNamespace(ns).list().getItems().stream().map(j -> j.getMetadata().getName())
                .filter(n -> n.contains(containing)).sorted().toList();
    }

    private String appImage() {
        return client.apps().deployments().inNamespace(ns).withName("support-app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    @Test
    void aDowngradeBelowAContractMigrationIsRefusedAndNothingIsTouched() throws InterruptedException {
        HelpDesk hd = installReady("helpdesk-minimal.yaml");
        setVersion("1.1.0");
        awaitServing("1.1.0");
        String takenBy100 = Names.preUpgradeBackup(hd, "1.1.0", null);
        List<String> backupsBefore = client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems().stream()
                .map(b -> b.getMetadata().getName()).toList();
        List<String> migrationsBefore = jobs("-migrate-");

        cluster.refuseVersion("1.0.0", CANNOT);
        setVersion("1.0.0");
        Condition ready = awaitCondition("support", Conditions.READY, "False", "DowngradeRequiresRestore");
        assertThat(ready.getMessage()).isEqualTo("spec.version 1.0.0 cannot run on this database: " + CANNOT + ". Nothing was changed and"
                + " version 1.1.0 keeps serving. To go back to 1.0.0, apply a HelpDeskRestore of backup " + takenBy100 + " (taken by 1.0.0);"
                + " or set spec.version to 1.1.0 or newer (docs/upgrade-and-rollback.md)");
        awaitCondition("support", Conditions.PROGRESSING, "False", "DowngradeRequiresRestore");
        assertThat(get("support").getStatus().phase).isEqualTo("Failed");
        Thread.sleep(2000); // a wrong step would come within a few reconciles
        assertThat(appImage()).endsWith(":1.1.0");
        assertThat(jobs("-migrate-")).as("no migration for 1.0.0").isEqualTo(migrationsBefore);
        assertThat(client.resources(HelpDeskBackup.class).inNamespace(ns).list().getItems()).extracting(b -> b.getMetadata().getName())
                .as("no pre-upgrade backup either").containsExactlyElementsOf(backupsBefore);
        Job check = client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .filter(j -> j.getMetadata().getName().startsWith("support-check-1-0-0-")).findFirst().orElseThrow();
        var container = check.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsExactly("migrate", "--dry-run");
        assertThat(container.getImage()).endsWith(":1.0.0");
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "DowngradeRequiresRestore".equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));

        setVersion("1.1.0"); // back: nothing to do
        awaitCondition("support", Conditions.READY, "True", "AsExpected");
    }

    @Test
    void aDowngradeTheOlderVersionCanServeRunsAFreshMigrationNotTheOldJob() {
        HelpDesk hd = install("helpdesk-minimal.yaml");
        edit("support", h -> {
            h.getSpec().upgrade.successfulJobsHistoryLimit = 5; // the install's Job stays: it must not be taken for today's migration
            return h;
        });
        awaitServing("1.0.0");
        String installJob = Names.migration(hd, "1.0.0", 1);
        String installUid = client.batch().v1().jobs().inNamespace(ns).withName(installJob).get().getMetadata().getUid();
        setVersion("1.1.0");
        awaitServing("1.1.0");
        setVersion("1.0.0");
        awaitServing("1.0.0");
        assertThat(jobs("-migrate-1-0-0-")).containsExactly(installJob, Names.migration(hd, "1.0.0", 2));
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName(installJob).get().getMetadata().getUid()).isEqualTo(installUid);
        assertThat(get("support").getStatus().migration.job).isEqualTo(Names.migration(hd, "1.0.0", 2));
        assertThat(jobs("-check-")).hasSize(2); // one per version change
    }
}
