package dev.helpdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code backup} and {@code restore} roles as the operator's Jobs run them: result lines, exit codes, a refused restore. */
@QuarkusMainTest
@TestProfile(BackupRoleTest.Target.class)
class BackupRoleTest {
    static final Path BACKUPS = Path.of(System.getProperty("java.io.tmpdir"), "helpdesk-backup-role-" + ProcessHandle.current().pid());

    public static class Target implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BACKUP_PATH", BACKUPS.toString(), "BACKUP_NAME", "role-test");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealServers.class, Map.of("database", "backup_role")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void backupThenRestoreThenARefusedRestoreOfADamagedDump(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult migrated = launcher.launch("migrate");
        assertThat(migrated.exitCode()).as(migrated.getErrorOutput()).isZero();

        LaunchResult backup = launcher.launch("backup");
        assertThat(backup.exitCode()).as(backup.getErrorOutput()).isZero();
        assertThat(backup.getOutput()).contains("{\"name\":\"role-test\",\"location\":\"" + BACKUPS.toAbsolutePath() + "/role-test/\"")
                .contains("\"schemaVersion\":\"" + dev.helpdesk.app.testing.Migrations.latest() + "\"");

        LaunchResult restore = launcher.launch("restore");
        assertThat(restore.exitCode()).as(restore.getErrorOutput()).isZero();
        assertThat(restore.getOutput()).contains("{\"restoredFrom\":\"role-test\"");

        Path dump = BACKUPS.resolve("role-test/database.dump");
        Files.write(dump, Arrays.copyOf(Files.readAllBytes(dump), 10));
        LaunchResult refused = launcher.launch("restore");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.getErrorOutput()).contains("error: restore failed: backup role-test is damaged").contains("truncated")
                .contains("the database was not changed");
        assertThat(refused.getOutput()).contains("{\"error\":\"restore failed:");

        LaunchResult deleted = launcher.launch("delete-backup");
        assertThat(deleted.exitCode()).as(deleted.getErrorOutput()).isZero();
        assertThat(deleted.getOutput()).contains("{\"deleted\":3}");
        assertThat(BACKUPS.resolve("role-test")).isEmptyDirectory();
        LaunchResult gone = launcher.launch("restore");
        assertThat(gone.getErrorOutput()).contains("no complete backup role-test");
    }
}
