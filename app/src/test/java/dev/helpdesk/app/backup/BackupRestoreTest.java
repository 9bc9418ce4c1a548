package dev.helpdesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigException;
import dev.helpdesk.app.config.ConfigReader;
import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.storage.BlobStore;
import dev.helpdesk.app.storage.FileSystemBlobStore;
import dev.helpdesk.app.storage.S3BlobStore;
import dev.helpdesk.app.testing.RealServers;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore roles on real PostgreSQL with real pg_dump/pg_restore: what was backed up
 * comes back exactly, rows and attachment files, from a directory and from S3; a damaged or
 * incomplete backup is refused and the database stays as it was.
 */
class BackupRestoreTest {
    static dev.helpdesk.app.testing.S3Server s3Server;
    static String endpoint;

    @TempDir
    Path tmp;
    DatabaseUrl db;
    Path attachmentDir;
    BlobStore attachments;

    @BeforeAll
    static void startS3() throws Exception {
        s3Server = dev.helpdesk.app.testing.S3Server.start("backups");
        endpoint = s3Server.endpoint();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3Server.close();
    }

    @BeforeEach
    void database() throws Exception {
        db = DatabaseUrl.parse("DATABASE_URL", RealServers.database(null));
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).locations("classpath:db/migration").load().migrate();
        attachmentDir = tmp.resolve("attachments");
        attachments = new FileSystemBlobStore(attachmentDir);
        sql("INSERT INTO users (id, email, name, role) VALUES (1, 'ann@example.com', 'Ann', 'customer')");
        ticket(1, "Printer on fire", "tickets/1/a1", "smoke.png", "PNG bytes of smoke");
        ticket(2, "VPN drops", "tickets/2/a2", "log.txt", "vpn log line\n");
    }

    private void ticket(long id, String subject, String key, String filename, String content) throws Exception {
        sql("INSERT INTO tickets (id, subject, description, status, priority, requester_id) VALUES (" + id + ", '" + subject
                + "', 'd', 'open', 'normal', 1)");
        sql("INSERT INTO comments (id, ticket_id, author_id, body, public) VALUES (" + id + ", " + id + ", 1, 'see file', true)");
        sql("INSERT INTO attachments (ticket_id, comment_id, uploader_id, filename, content_type, size_bytes, sha256, storage_key)"
                + " VALUES (" + id + ", " + id + ", 1, '" + filename + "', 'text/plain', " + content.length() + ", '" + "0".repeat(64)
                + "', '" + key + "')");
        Path f = Files.writeString(tmp.resolve("upload"), content);
        attachments.put(key, f, "text/plain");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(statement);
        }
    }

    /** Every row a user would notice, and every attachment file with its bytes. */
    private List<String> state() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            for (String q : List.of("SELECT id || ' ' || subject || ' ' || status FROM tickets ORDER BY id",
                    "SELECT ticket_id || ' ' || body FROM comments ORDER BY id",
                    "SELECT storage_key || ' ' || filename FROM attachments ORDER BY id")) {
                try (ResultSet rs = c.createStatement().executeQuery(q)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        try (var files = Files.walk(attachmentDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add("file " + attachmentDir.relativize(f) + " = " + Files.readString(f));
            }
        }
        return out;
    }

    private void changeEverything() throws Exception {
        sql("DELETE FROM tickets WHERE id = 1");
        attachments.delete("tickets/1/a1");
        sql("UPDATE tickets SET subject = 'VPN fixed', status = 'solved' WHERE id = 2");
        ticket(3, "New after the backup", "tickets/3/a3", "new.txt", "written after the backup");
    }

    private Backups backups(BackupTarget target) {
        return new Backups(db, attachments, target, null);
    }

    private BackupTarget directory() {
        Map<String, String> env = Map.of("BACKUP_PATH", tmp.resolve("backups").toString());
        return BackupTarget.read(new ConfigReader(name -> Optional.ofNullable(env.get(name))));
    }

    private static BackupTarget s3() {
        Map<String, String> env = Map.of("BACKUP_S3_ENDPOINT", endpoint, "BACKUP_S3_BUCKET", "backups", "BACKUP_S3_PREFIX", "/desks/support/",
                "BACKUP_S3_ACCESS_KEY", "access-key", "BACKUP_S3_SECRET_KEY", "secret-key");
        return BackupTarget.read(new ConfigReader(name -> Optional.ofNullable(env.get(name))));
    }

    @Test
    void aBackupTakenUnderAWriteFreezeSaysSoAndItsRestoreLeavesTheDeskWritable() throws Exception {
        sql("INSERT INTO write_freeze (reason) VALUES ('upgrade to 2.0.0')");
        Map<String, Object> result = backups(directory()).backup("pre-upgrade", "1.0.0", null);
        assertThat(result).containsKey("writesFrozenSince");
        sql("DELETE FROM write_freeze");
        assertThat(backups(directory()).backup("plain", "1.0.0", null)).doesNotContainKey("writesFrozenSince");

        Map<String, Object> restored = backups(directory()).restore("pre-upgrade");
        assertThat(restored).containsEntry("writesUnfrozen", true);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM write_freeze")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the dump held the freeze; the restore lifted it").isZero();
        }
        assertThat(backups(directory()).restore("plain")).doesNotContainKey("writesUnfrozen");
    }

    @Test
    void aBackupInADirectoryRestoresExactlyTheRowsAndFilesItHeld() throws Exception {
        List<String> original = state();
        Map<String, Object> result = backups(directory()).backup("nightly-1", "1.0.0", null);
        assertThat(result).containsEntry("name", "nightly-1").containsEntry("appVersion", "1.0.0").containsEntry("attachments", 2)
                .containsKey("sha256").containsKey("schemaVersion");
        assertThat(result.get("location").toString()).endsWith("/backups/nightly-1/");
        assertThat((Long) result.get("sizeBytes")).isPositive();
        assertThat(tmp.resolve("backups/nightly-1")).isDirectoryContaining("glob:**/database.dump")
                .isDirectoryContaining("glob:**/attachments.zip").isDirectoryContaining("glob:**/manifest.json");

        changeEverything();
        assertThat(state()).isNotEqualTo(original);
        Map<String, Object> restored = backups(directory()).restore("nightly-1");
        assertThat(state()).isEqualTo(original);
        assertThat(restored).containsEntry("restoredFrom", "nightly-1").containsEntry("appVersion", "1.0.0")
                .containsEntry("schemaVersion", result.get("schemaVersion")).containsEntry("attachments", 2);
    }

    @Test
    void whatANewerMigrationAddedAfterTheBackupIsGoneAfterTheRestore() throws Exception {
        List<String> original = state();
        backups(directory()).backup("before-upgrade", "1.0.0", null);
        // as the next release's migration would: a table, a function and a history row the backup does not know
        sql("CREATE TABLE ticket_links (id BIGSERIAL PRIMARY KEY, a BIGINT REFERENCES tickets (id))");
        sql("CREATE FUNCTION link_count() RETURNS bigint AS 'SELECT count(*) FROM ticket_links' LANGUAGE sql");
        sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                + " execution_time, success) VALUES (999, '999', 'links', 'SQL', 'V999__links.sql', 1, 'test', 1, true)");
        backups(directory()).restore("before-upgrade");
        assertThat(state()).isEqualTo(original);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('ticket_links') IS NULL,"
                     + " NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'link_count'),"
                     + " (SELECT max(installed_rank) FROM flyway_schema_history) < 999")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).containsOnly(true);
        }
    }

    @Test
    void aBackupInS3RestoresExactlyTheRowsAndFilesItHeld() throws Exception {
        List<String> original = state();
        Map<String, Object> result = backups(s3()).backup("nightly-2", "1.0.0", null);
        assertThat(result.get("location")).isEqualTo("s3://backups/desks/support/nightly-2/");
        changeEverything();
        backups(s3()).restore("nightly-2");
        assertThat(state()).isEqualTo(original);
        S3BlobStore raw = new S3BlobStore(new AppConfig.S3(endpoint, "backups", "us-east-1", "access-key", "secret-key", true));
        try (InputStream in = raw.open("desks/support/nightly-2/manifest.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"schemaVersion\"").contains("\"sha256\"");
        }
    }

    @Test
    void aCorruptDumpIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        backups(directory()).backup("nightly-3", "1.0.0", null);
        changeEverything();
        List<String> changed = state();
        Path dump = tmp.resolve("backups/nightly-3/database.dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(dump, bytes);
        assertThatThrownBy(() -> backups(directory()).restore("nightly-3")).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("database.dump").hasMessageContaining("corrupt").hasMessageContaining("the database was not changed");
        assertThat(state()).isEqualTo(changed);
    }

    @Test
    void aTruncatedDumpIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        backups(directory()).backup("nightly-4", "1.0.0", null);
        changeEverything();
        List<String> changed = state();
        Path dump = tmp.resolve("backups/nightly-4/database.dump");
        byte[] bytes = Files.readAllBytes(dump);
        Files.write(dump, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> backups(directory()).restore("nightly-4")).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("truncated").hasMessageContaining("the database was not changed");
        assertThat(state()).isEqualTo(changed);
    }

    @Test
    void anIncompleteOrUnknownBackupIsRefused() throws Exception {
        backups(directory()).backup("nightly-5", "1.0.0", null);
        Files.delete(tmp.resolve("backups/nightly-5/manifest.json"));
        List<String> before = state();
        assertThatThrownBy(() -> backups(directory()).restore("nightly-5")).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("no complete backup nightly-5");
        assertThatThrownBy(() -> backups(s3()).restore("never-taken")).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("no complete backup never-taken");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void targetSettingsAreCheckedWithTheVariableNamed() {
        assertThatThrownBy(() -> BackupTarget.read(new ConfigReader(name -> Optional.empty())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BACKUP_PATH").hasMessageContaining("BACKUP_S3_BUCKET");
        assertThatThrownBy(() -> BackupTarget.name(new ConfigReader(name -> Optional.of("../etc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BACKUP_NAME");
    }

    @Test
    void aMissingAttachmentFileIsReportedNotInvented() throws Exception {
        Files.delete(attachmentDir.resolve("tickets/2/a2"));
        Map<String, Object> result = backups(directory()).backup("nightly-6", "1.0.0", null);
        assertThat(result).containsEntry("attachments", 1).containsEntry("attachmentsMissing", 1);
    }

    @Test
    void aDumpMadeByAnotherContainerIsUsedAsIs() throws Exception {
        List<String> original = state();
        backups(directory()).backup("pg-made", "1.0.0", null);
        Path dump = tmp.resolve("pg-made.dump");
        Files.copy(tmp.resolve("backups/pg-made/database.dump"), dump); // as the Job's postgres:<major> container leaves it
        Map<String, Object> result = backups(directory()).backup("from-file", "1.0.0", dump);
        assertThat(Files.readAllBytes(tmp.resolve("backups/from-file/database.dump"))).isEqualTo(Files.readAllBytes(dump));
        changeEverything();
        backups(directory()).restore("from-file");
        assertThat(state()).isEqualTo(original);
        assertThat(result).containsEntry("attachments", 2);

        Path empty = Files.createFile(tmp.resolve("unfinished.dump"));
        assertThatThrownBy(() -> backups(directory()).backup("from-nothing", "1.0.0", empty))
                .hasMessageContaining("BACKUP_DUMP_FILE").hasMessageContaining("pg_dump did not finish");
        assertThat(tmp.resolve("backups/from-nothing")).doesNotExist();
    }

    @Test
    void aDeletedBackupIsGoneForRestoreAndDeletingAgainIsFine() throws Exception {
        for (BackupTarget target : List.of(directory(), s3())) {
            backups(target).backup("to-delete", "1.0.0", null);
            assertThat(target.delete("to-delete")).isEqualTo(3);
            assertThatThrownBy(() -> backups(target).restore("to-delete")).isInstanceOf(Backups.Refused.class)
                    .hasMessageContaining("no complete backup to-delete");
            assertThat(target.delete("to-delete")).isZero();
        }
    }

    @Test
    void aRestoreSplitAroundAnotherContainersDatabaseRestoreGivesTheSameResult() throws Exception {
        List<String> original = state();
        backups(directory()).backup("staged", "1.0.0", null);
        changeEverything();
        List<String> changed = state();
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        Map<String, Object> fetched = backups(directory()).fetch("staged", stage);
        assertThat(fetched).containsEntry("fetched", "staged").containsEntry("appVersion", "1.0.0").containsKey("schemaVersion");
        assertThat(state()).as("fetching changes nothing").isEqualTo(changed);
        new PgTools(db, null).restore(stage.resolve("database.dump")); // what the postgres:<major> container does
        Map<String, Object> restored = backups(directory()).restoreFiles("staged", stage);
        assertThat(state()).isEqualTo(original);
        assertThat(restored).containsEntry("restoredFrom", "staged").containsEntry("attachments", 2);

        Path dump = tmp.resolve("backups/staged/database.dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[10] ^= 0x11;
        Files.write(dump, bytes);
        Path again = Files.createDirectories(tmp.resolve("stage-2"));
        assertThatThrownBy(() -> backups(directory()).fetch("staged", again)).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("corrupt");
    }
}
