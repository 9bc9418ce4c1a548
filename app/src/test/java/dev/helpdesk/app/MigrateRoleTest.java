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
        assertThat(refused.getErrorOutput()).contains("schema is empty").contains("pending migrations")
                .contains("run the 'migrate' role first");

        LaunchResult failed = launcher.launch("migrate");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.getErrorOutput()).contains("error: migration failed").contains("non-empty schema");
        assertThat(failed.getOutput()).contains("{\"error\":\"migration failed:");

        sql("DROP TABLE organizations");
        LaunchResult migrated = launcher.launch("migrate");
        assertThat(migrated.exitCode()).isEqualTo(0);
        String latest = dev.helpdesk.app.testing.Migrations.latest();
        assertThat(migrated.getOutput()).contains("{\"schemaVersion\":\"" + latest + "\",\"previousSchemaVersion\":null,\"migrationsApplied\":"
                + dev.helpdesk.app.testing.Migrations.count() + ",\"serverMajor\":15}"); // the embedded PostgreSQL 15

        LaunchResult again = launcher.launch("migrate");
        assertThat(again.exitCode()).isEqualTo(0);
        assertThat(again.getOutput()).contains("\"schemaVersion\":\"" + latest + "\"").contains("\"migrationsApplied\":0");
    }

    private static void sql(String statements) throws Exception {
        DatabaseUrl db = DatabaseUrl.parse("url", RealServers.database(DATABASE));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(statements);
        }
    }
}
