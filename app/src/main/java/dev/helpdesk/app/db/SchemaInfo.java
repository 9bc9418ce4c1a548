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
        // this build's newest migration: applied ones it does not know (a newer version's) are not it
        MigrationInfo[] all = java.util.Arrays.stream(info.all()).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .toArray(MigrationInfo[]::new);
        String latest = all.length == 0 ? null : all[all.length - 1].getVersion().getVersion();
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

    /** Applies pending migrations and raises the recorded contract floor; returns the resulting schema version. */
    public String migrate() {
        flyway.get().migrate();
        String current = state().current();
        SchemaCompat.declared().floorAt(current).ifPresent(this::raiseFloor);
        return current;
    }

    /** The contract floor recorded in the database (null before it records one). */
    public String storedFloor() {
        try (java.sql.Connection c = flyway.get().getConfiguration().getDataSource().getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('schema_compat') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
            try (java.sql.ResultSet f = c.createStatement().executeQuery("SELECT contract_floor FROM schema_compat WHERE id = 1")) {
                return f.next() ? f.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the schema's contract floor: " + e.getMessage(), e);
        }
    }

    /** Only ever raised: an older version's migrate (a no-op on a newer schema) must not lower it. */
    private void raiseFloor(String floor) {
        String stored = storedFloor();
        if (stored != null && SchemaCompat.VERSIONS.compare(stored, floor) >= 0) {
            return;
        }
        try (java.sql.Connection c = flyway.get().getConfiguration().getDataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO schema_compat (id, contract_floor) VALUES (1, ?)"
                     + " ON CONFLICT (id) DO UPDATE SET contract_floor = EXCLUDED.contract_floor")) {
            ps.setString(1, floor);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot record the schema's contract floor: " + e.getMessage(), e);
        }
    }
}
