package dev.helpdesk.app.backup;

import dev.helpdesk.app.config.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * pg_dump, pg_restore and psql against DATABASE_URL; the password goes in PGPASSWORD, never on a
 * command line. The tools come from PG_BIN_DIR or the PATH and must be at least the server's
 * major version (pg_dump refuses a newer server).
 */
final class PgTools {
    private final DatabaseUrl database;
    private final Path binDir;

    PgTools(DatabaseUrl database, Path binDir) {
        this.database = database;
        this.binDir = binDir;
    }

    void dump(Path file) throws IOException, InterruptedException {
        run(List.of(tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file=" + file, "--dbname=" + libpqUri()));
    }

    /**
     * Makes the database's public schema exactly what the dump holds, in one transaction: emptied
     * first (tables a newer migration added would otherwise stay, and break that migration's next
     * run), then pg_restore's script. A script that fails half-way leaves the database as it was.
     */
    void restore(Path file) throws IOException, InterruptedException {
        Path script = file.resolveSibling(file.getFileName() + ".sql");
        run(List.of(tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=" + script, file.toString()));
        Path empty = file.resolveSibling("empty-public-schema.sql");
        java.nio.file.Files.writeString(empty, "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n");
        run(List.of(tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--dbname=" + libpqUri(),
                "--file=" + empty, "--file=" + script));
    }

    private String tool(String name) {
        return binDir == null ? name : binDir.resolve(name).toString();
    }

    /** The JDBC URL's host, port, database and parameters in libpq's form, without credentials. */
    private String libpqUri() {
        return database.jdbcUrl().substring("jdbc:".length());
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (database.username() != null) {
            env.put("PGUSER", database.username());
        }
        if (database.password() != null) {
            env.put("PGPASSWORD", database.password());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " could not be started (" + e.getMessage() + "); it must be installed, of at least"
                    + " the server's major version (PG_BIN_DIR names its directory)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed: " + (output.isEmpty() ? "exit " + p.exitValue() : output));
        }
    }
}
