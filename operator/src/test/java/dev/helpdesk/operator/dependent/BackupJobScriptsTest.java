package dev.helpdesk.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.api.BackupSpec;
import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.testing.PostgresBinaries;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database steps of the backup and restore Jobs (the commands the operator puts in the
 * postgres-image containers) against a real PostgreSQL 15 server with real pg_dump, pg_restore
 * and psql: a round trip gives back the rows, removes what came after, and a damaged dump changes nothing.
 */
class BackupJobScriptsTest {
    private static final HelpDesk HD = Samples.helpDesk("helpdesk-minimal.yaml", "ns");

    @TempDir
    Path dir;

    @Test
    void theDumpAndRestoreStepsRoundTripAndADamagedDumpChangesNothing() throws Exception {
        Path bin = PostgresBinaries.unpack(dir);
        Path data = dir.resolve("pgdata");
        Path work = Files.createDirectories(dir.resolve("work"));
        int port = PostgresBinaries.freePort();
        Files.writeString(dir.resolve("pw"), "s3cret");
        PostgresBinaries.run(bin, Map.of(), bin.resolve("initdb") + " -D " + data + " -U helpdesk --pwfile=" + dir.resolve("pw")
                + " --auth-local=trust --auth-host=scram-sha-256 -E UTF8");
        String serve = bin.resolve("pg_ctl") + " -D " + data + " -l " + dir.resolve("server.log") + " -w -o \"-c listen_addresses=127.0.0.1 -p "
                + port + " -k " + dir + "\" ";
        PostgresBinaries.run(bin, Map.of(), serve + "start");
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://helpdesk:s3cret@127.0.0.1:" + port + "/postgres");
        try {
            sql(port, "CREATE TABLE tickets (id int PRIMARY KEY, subject text); INSERT INTO tickets VALUES (1, 'printer on fire'), (2, 'vpn')");
            String dump = script(BackupJobs.backup(HD, backup(), "15", null).getSpec().getTemplate().getSpec().getInitContainers(), "dump", work);
            PostgresBinaries.run(bin, env, dump);
            assertThat(work.resolve("database.dump")).isNotEmptyFile();

            sql(port, "DELETE FROM tickets WHERE id = 2; INSERT INTO tickets VALUES (3, 'new'); CREATE TABLE ticket_links (a int)");
            String restore = script(BackupJobs.restore(HD, restoreObject(), backupDone(), "15").getSpec().getTemplate().getSpec()
                    .getInitContainers(), "database", work);
            PostgresBinaries.run(bin, env, restore);
            assertThat(rows(port)).containsExactly("1 printer on fire", "2 vpn");
            assertThat(exists(port, "ticket_links")).as("what came after the backup is gone").isFalse();

            sql(port, "INSERT INTO tickets VALUES (4, 'after')");
            byte[] bytes = Files.readAllBytes(work.resolve("database.dump"));
            Files.write(work.resolve("database.dump"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertThat(PostgresBinaries.attempt(bin, env, restore).exit()).isNotZero();
            assertThat(rows(port)).as("a failed restore changes nothing").containsExactly("1 printer on fire", "2 vpn", "4 after");
        } finally {
            PostgresBinaries.run(bin, Map.of(), serve + "-m fast stop");
        }
    }

    /** The container's shell command, with the Job's shared directory put where this test keeps it. */
    private static String script(List<Container> containers, String name, Path work) {
        Container c = containers.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
        assertThat(c.getCommand()).hasSize(3).startsWith("sh", "-c");
        return c.getCommand().get(2).replace("/backup-work", work.toString());
    }

    private static HelpDeskBackup backup() {
        HelpDeskBackup b = new HelpDeskBackup();
        b.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("ns").withUid("u1").build());
        return b;
    }

    private static HelpDeskBackup backupDone() {
        HelpDeskBackup b = backup();
        b.setStatus(new HelpDeskBackupStatus());
        b.getStatus().appVersion = "1.0.0";
        b.getStatus().image = "ghcr.io/helpdesk-dev/helpdesk-app:1.0.0";
        b.getStatus().helpDesk = "support";
        b.getStatus().target = new BackupSpec.Target();
        return b;
    }

    private static HelpDeskRestore restoreObject() {
        HelpDeskRestore r = new HelpDeskRestore();
        r.setMetadata(new ObjectMetaBuilder().withName("r1").withNamespace("ns").withUid("u2").build());
        return r;
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "helpdesk", "s3cret");
    }

    private static void sql(int port, String statements) throws Exception {
        try (Connection c = connect(port)) {
            c.createStatement().execute(statements);
        }
    }

    private static List<String> rows(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(port); ResultSet rs = c.createStatement().executeQuery("SELECT id, subject FROM tickets ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static boolean exists(int port, String table) throws Exception {
        try (Connection c = connect(port); ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
