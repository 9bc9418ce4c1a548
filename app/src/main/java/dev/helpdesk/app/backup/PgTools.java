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
 * pg_dump and pg_restore against DATABASE_URL; the password goes in PGPASSWORD, never on a
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

    /** One transaction: a dump that fails half-way leaves the database as it was. */
    void restore(Path file) throws IOException, InterruptedException {
        run(List.of(tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner",
                "--no-privileges", "--dbname=" + libpqUri(), file.toString()));
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
