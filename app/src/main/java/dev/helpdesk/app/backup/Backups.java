package dev.helpdesk.app.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.helpdesk.app.freeze.WriteFreeze;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The backup and restore roles (DESIGN §3): a backup is the database (pg_dump, custom format),
 * the attachment files its rows point to, and a manifest with sizes and sha256 of both; a
 * restore checks them first and changes nothing when they do not match.
 */
public final class Backups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseUrl database;
    private final BlobStore attachments;
    private final BackupTarget target;
    private final PgTools pg;
    private static final String BEFORE = "attachments-before.txt";

    public Backups(DatabaseUrl database, BlobStore attachments, BackupTarget target, Path pgBinDir) {
        this.database = database;
        this.attachments = attachments;
        this.target = target;
        this.pg = new PgTools(database, pgBinDir);
    }

    /** A refused restore: the backup is missing, incomplete or damaged; the database was not touched. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Takes backup {@code name}; returns the result line (location, sizes, sha256, versions). With
     * {@code dumpFile}, that pg_dump output is used (the operator's Job dumps with the server's own
     * major version in another container) instead of running pg_dump here.
     */
    public Map<String, Object> backup(String name, String appVersion, Path dumpFile) throws IOException, InterruptedException, SQLException {
        Path work = Files.createTempDirectory("helpdesk-backup-");
        try {
            Path dump = work.resolve(Manifest.DATABASE);
            if (dumpFile == null) {
                pg.dump(dump);
            } else {
                if (!Files.isRegularFile(dumpFile) || Files.size(dumpFile) == 0) {
                    throw new IOException("BACKUP_DUMP_FILE " + dumpFile + " is missing or empty: pg_dump did not finish");
                }
                Files.copy(dumpFile, dump);
            }
            String schema = schemaVersion();
            Optional<WriteFreeze.Frozen> frozen = frozen();
            Path zip = work.resolve(Manifest.ATTACHMENTS);
            int[] missing = {0};
            int count = zipAttachments(zip, missing);
            Manifest manifest = new Manifest(1, name, Instant.now().toString(), appVersion, schema,
                    Manifest.Part.of(dump, Manifest.DATABASE, null), Manifest.Part.of(zip, Manifest.ATTACHMENTS, count));
            Path manifestFile = work.resolve(Manifest.FILE);
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
            target.store().put(target.key(name, Manifest.DATABASE), dump, "application/octet-stream");
            target.store().put(target.key(name, Manifest.ATTACHMENTS), zip, "application/zip");
            // last: a backup whose manifest exists is complete
            target.store().put(target.key(name, Manifest.FILE), manifestFile, "application/json");

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", name);
            result.put("location", target.location(name));
            result.put("sizeBytes", manifest.database().sizeBytes() + manifest.attachments().sizeBytes());
            result.put("sha256", Manifest.sha256(manifestFile));
            result.put("appVersion", appVersion);
            result.put("schemaVersion", schema);
            result.put("attachments", count);
            if (missing[0] > 0) {
                result.put("attachmentsMissing", missing[0]); // rows whose file was already gone: reported, not invented
            }
            // nothing written since: restoring this backup loses nothing (the operator's rollback relies on it)
            frozen.ifPresent(f -> result.put("writesFrozenSince", f.since().toString()));
            return result;
        } finally {
            deleteTree(work);
        }
    }

    /** Restores backup {@code name} into the database and the attachment store. */
    public Map<String, Object> restore(String name) throws IOException, InterruptedException, SQLException {
        Path work = Files.createTempDirectory("helpdesk-restore-");
        try {
            fetch(name, work);
            pg.restore(work.resolve(Manifest.DATABASE));
            return restoreFiles(name, work);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * The first half of a restore split across containers (the operator's Job restores the
     * database with the server's own pg_restore in between): fetches backup {@code name} into
     * {@code dir} and checks every part, changing nothing; a damaged backup is {@link Refused}.
     */
    public Map<String, Object> fetch(String name, Path dir) throws IOException, SQLException {
        Manifest manifest = fetchManifest(name, dir);
        fetch(name, manifest.database(), dir);
        verifyZip(fetch(name, manifest.attachments(), dir));
        // which files the rows point to now: those the restore takes away are deleted afterwards
        Files.write(dir.resolve(BEFORE), attachmentKeys());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fetched", name);
        result.put("appVersion", manifest.appVersion());
        result.put("schemaVersion", manifest.schemaVersion());
        return result;
    }

    /** The second half: after the database holds the dump, puts the attachment files back and deletes those of rows it removed. */
    public Map<String, Object> restoreFiles(String name, Path dir) throws IOException, SQLException {
        Manifest manifest = JSON.readValue(dir.resolve(Manifest.FILE).toFile(), Manifest.class);
        Set<String> before = Files.isRegularFile(dir.resolve(BEFORE)) ? new TreeSet<>(Files.readAllLines(dir.resolve(BEFORE))) : Set.of();
        int count = unzipAttachments(dir.resolve(Manifest.ATTACHMENTS));
        Set<String> orphans = new TreeSet<>(before);
        orphans.removeAll(attachmentKeys());
        for (String key : orphans) {
            attachments.delete(key);
        }
        // a backup taken under a write freeze holds the freeze: the restored desk is writable
        boolean unfrozen;
        try (Connection c = connect()) {
            unfrozen = WriteFreeze.lift(c).isPresent();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("restoredFrom", name);
        result.put("location", target.location(name));
        result.put("appVersion", manifest.appVersion());
        result.put("schemaVersion", schemaVersion());
        result.put("attachments", count);
        if (unfrozen) {
            result.put("writesUnfrozen", true);
        }
        return result;
    }

    private Optional<WriteFreeze.Frozen> frozen() throws SQLException {
        try (Connection c = connect()) {
            return WriteFreeze.read(c);
        }
    }

    private Manifest fetchManifest(String name, Path work) throws IOException {
        Path file = work.resolve(Manifest.FILE);
        try (InputStream in = target.store().open(target.key(name, Manifest.FILE))) {
            Files.copy(in, file);
        } catch (NoSuchFileException e) {
            throw new Refused("no complete backup " + name + " at " + target.location(name) + " (manifest.json is missing); the database"
                    + " was not changed");
        }
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new Refused("the manifest of backup " + name + " is not readable (" + e.getMessage() + "); the database was not changed");
        }
    }

    private Path fetch(String name, Manifest.Part part, Path work) throws IOException {
        Path file = work.resolve(part.file());
        try (InputStream in = target.store().open(target.key(name, part.file()))) {
            Files.copy(in, file);
        } catch (NoSuchFileException e) {
            throw new Refused("backup " + name + " is incomplete: " + part.file() + " is missing; the database was not changed");
        }
        String mismatch = part.mismatch(file);
        if (mismatch != null) {
            throw new Refused("backup " + name + " is damaged: " + mismatch + "; the database was not changed");
        }
        return file;
    }

    private static void verifyZip(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private int zipAttachments(Path zip, int[] missing) throws IOException, SQLException {
        int count = 0;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String key : attachmentKeys()) {
                try (InputStream in = attachments.open(key)) {
                    out.putNextEntry(new ZipEntry(key));
                    in.transferTo(out);
                    out.closeEntry();
                    count++;
                } catch (NoSuchFileException e) {
                    missing[0]++;
                }
            }
        }
        return count;
    }

    private int unzipAttachments(Path zip) throws IOException {
        int count = 0;
        Path tmp = Files.createTempFile("helpdesk-attachment-", ".bin");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                attachments.put(e.getName(), tmp, "application/octet-stream");
                count++;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return count;
    }

    /** Storage keys the attachments table points to (empty before the first migration). */
    private Set<String> attachmentKeys() throws SQLException {
        Set<String> keys = new TreeSet<>();
        try (Connection c = connect()) {
            if (!tableExists(c, "attachments")) {
                return keys;
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT storage_key FROM attachments")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    private String schemaVersion() throws SQLException {
        try (Connection c = connect()) {
            if (!tableExists(c, "flyway_schema_history")) {
                return null;
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                    + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
