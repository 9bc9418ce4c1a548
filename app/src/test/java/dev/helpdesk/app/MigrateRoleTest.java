package dev.helpdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code migrate} role, its failure report, and {@code serve} refusing a schema that is behind. */
@QuarkusMainTest
@TestProfile(MigrateRoleTest.EmptyDatabase.class)
class MigrateRoleTest {
    static final String DATABASE = "migrate_role";

    public static class EmptyDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.migrate-at-start", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealServers.class, Map.of("database", DATABASE)));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void serveRefusesAPendingSchemaMigrateReportsFailureThenAppliesOnce(QuarkusMainLauncher launcher) throws Exception {
        // a stray table makes the first migration refuse to run, as a hand-made change in production would
        sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE organizations (id int)");

        LaunchResult refused = launcher.launch("serve");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.getErrorOutput()).contains("schema is empty").contains("run the 'migrate' role first");

        LaunchResult failed = launcher.launch("migrate");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.getErrorOutput()).contains("error: migration failed").contains("non-empty schema");
        assertThat(failed.getOutput()).contains("{\"error\":\"migration failed:");

        sql("DROP TABLE organizations");
        LaunchResult migrated = launcher.launch("migrate");
        assertThat(migrated.exitCode()).isEqualTo(0);
        String latest = dev.helpdesk.app.testing.Migrations.latest();
        assertThat(migrated.getOutput()).contains("{\"schemaVersion\":\"" + latest + "\",\"previousSchemaVersion\":null,\"migrationsApplied\":"
                + dev.helpdesk.app.testing.Migrations.count() + ",\"serverMajor\":15,\"contractFloor\":\"8\"}"); // PostgreSQL 15; V8 is contract

        LaunchResult again = launcher.launch("migrate");
        assertThat(again.exitCode()).isEqualTo(0);
        assertThat(again.getOutput()).contains("\"schemaVersion\":\"" + latest + "\"").contains("\"migrationsApplied\":0");

        // the operator brackets an upgrade with these two (docs/upgrade-and-rollback.md, "The write freeze")
        LaunchResult frozen = launcher.launch("freeze-writes");
        assertThat(frozen.exitCode()).as(frozen.getErrorOutput()).isZero();
        assertThat(frozen.getOutput()).contains("\"writesFrozen\":true").contains("\"since\":\"")
                .contains("\"reason\":\"writes frozen by an administrator\"").contains("\"openTransactions\":0");
        LaunchResult lifted = launcher.launch("unfreeze-writes");
        assertThat(lifted.getOutput()).contains("{\"writesFrozen\":false,\"frozenSince\":\"").contains("\"frozenSeconds\":");
        assertThat(launcher.launch("unfreeze-writes").getOutput()).as("nothing to lift").contains("{\"writesFrozen\":false}");
    }

    @Test
    void dryRunChangesNothingAndServeRefusesASchemaWhoseNewerMigrationRemovedWhatItUses(QuarkusMainLauncher launcher) throws Exception {
        sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        String latest = dev.helpdesk.app.testing.Migrations.latest();
        LaunchResult plan = launcher.launch("migrate", "--dry-run");
        assertThat(plan.exitCode()).as(plan.getErrorOutput()).isZero();
        assertThat(plan.getOutput()).contains("{\"dryRun\":true,\"schemaVersion\":\"" + latest + "\",\"oldestServable\":\"" + latest
                + "\",\"contractFloor\":\"8\",\"currentSchemaVersion\":null,\"databaseContractFloor\":null,\"pendingMigrations\":"
                + dev.helpdesk.app.testing.Migrations.count() + ",\"canServe\":true,\"serverMajor\":15}");
        assertThat(launcher.launch("serve").getErrorOutput()).as("nothing was migrated").contains("schema is empty");
        assertThat(launcher.launch("migrate").exitCode()).isZero();

        // a newer version migrated further, only adding: this version still serves it
        sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                + " execution_time, success) VALUES (99, '99', 'links', 'SQL', 'V99__links.sql', 1, 'test', 1, true)");
        LaunchResult expanded = launcher.launch("migrate", "--dry-run");
        assertThat(expanded.getOutput()).contains("\"currentSchemaVersion\":\"99\",\"databaseContractFloor\":\"8\"")
                .contains("\"canServe\":true");
        LaunchResult again = launcher.launch("migrate");
        assertThat(again.exitCode()).as("a newer schema is no error for an older migrate: " + again.getErrorOutput()).isZero();
        assertThat(again.getOutput()).contains("\"contractFloor\":\"8\"");

        // ... and then one that removed something (a contract step): this version refuses to start, naming both versions
        sql("UPDATE schema_compat SET contract_floor = '99'");
        LaunchResult contracted = launcher.launch("migrate", "--dry-run");
        assertThat(contracted.getOutput()).contains("\"canServe\":false").contains("migration 99 removed what this version uses");
        LaunchResult refused = launcher.launch("serve");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.getErrorOutput()).contains("error: the database schema is at version 99, newer than this version serves ("
                + latest + " to " + latest + "): migration 99 removed what this version uses; run a newer version, or restore a backup"
                + " taken by this version");
        assertThat(launcher.launch("migrate").getOutput()).as("an older migrate never lowers the floor").contains("\"contractFloor\":\"99\"");

        assertThat(launcher.launch("migrate", "--force").exitCode()).isEqualTo(2);
    }

    private static void sql(String statements) throws Exception {
        DatabaseUrl db = DatabaseUrl.parse("url", RealServers.database(DATABASE));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(statements);
        }
    }
}
