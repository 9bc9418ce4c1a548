package dev.helpdesk.app.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** Where the database schema stands relative to the migrations this build ships. */
@ApplicationScoped
public class SchemaInfo {
    private final Instance<Flyway> flyway;

    // lazy for the same reason as Db: an unconfigured database must not stop start-up before it is reported
    public SchemaInfo(Instance<Flyway> flyway) {
        this.flyway = flyway;
    }

    public record State(String current, String latest, int pending) {
        public boolean upToDate() {
            return pending == 0;
        }
    }

    public State state() {
        MigrationInfoService info = flyway.get().info();
        MigrationInfo current = info.current();
        MigrationInfo[] all = info.all();
        String latest = all.length == 0 || all[all.length - 1].getVersion() == null ? null
                : all[all.length - 1].getVersion().getVersion();
        return new State(current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                latest, info.pending().length);
    }

    /** The server's major version (16 for 16.4): backup tools must be at least this (pg_dump refuses a newer server). */
    public int serverMajor() {
        try (java.sql.Connection c = flyway.get().getConfiguration().getDataSource().getConnection()) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the database server's version: " + e.getMessage(), e);
        }
    }

    /** Applies pending migrations; returns the resulting schema version. */
    public String migrate() {
        flyway.get().migrate();
        return state().current();
    }
}
