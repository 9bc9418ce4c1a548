package dev.helpdesk.app.freeze;

import dev.helpdesk.app.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the desk is read-only (a row in {@code write_freeze}): the operator freezes writes before
 * a pre-upgrade backup so that restoring it loses nothing. Every replica reads the same row, cached
 * for {@link #CACHE}, so a freeze holds everywhere within that time of being set.
 */
@ApplicationScoped
public class WriteFreeze {
    public static final Duration CACHE = Duration.ofSeconds(2);

    /** A freeze in force: since when, and why (shown to clients). */
    public record Frozen(Instant since, String reason) {}

    private record Cached(Optional<Frozen> state, long readAtNanos) {}

    private final Db db;
    private volatile Cached cached;

    public WriteFreeze(Db db) {
        this.db = db;
    }

    /** The freeze in force, at most {@link #CACHE} old; none while the table does not exist yet (before migrations). */
    public Optional<Frozen> current() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.readAtNanos() > CACHE.toNanos()) {
            c = new Cached(db.read(WriteFreeze::read), now);
            cached = c;
        }
        return c.state();
    }

    /** Freezes writes (kept as it was when already frozen); returns the freeze in force. */
    public Frozen freeze(String reason) {
        Frozen frozen = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO write_freeze (id, reason) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, reason.length() > 500 ? reason.substring(0, 500) : reason);
                ps.executeUpdate();
            }
            return read(c).orElseThrow();
        });
        cached = null;
        return frozen;
    }

    /**
     * After {@link #freeze}: waits until every replica has seen the freeze (its cache) and every
     * transaction begun before then has ended, so that a dump started afterwards holds every write
     * that was accepted. Returns how many such transactions were still open after {@code max}.
     */
    public int awaitWritesDrained(Duration max) throws InterruptedException {
        Thread.sleep(CACHE.plusMillis(500).toMillis());
        Instant cutoff = db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT clock_timestamp()")) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        });
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            int open = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle' AND xact_start < ?")) {
                    ps.setTimestamp(1, java.sql.Timestamp.from(cutoff));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            if (open == 0 || System.nanoTime() > deadline) {
                return open;
            }
            Thread.sleep(200);
        }
    }

    /** Lifts the freeze; returns the one lifted, if there was one. */
    public Optional<Frozen> unfreeze() {
        Optional<Frozen> lifted = db.tx(WriteFreeze::lift);
        cached = null;
        return lifted;
    }

    /** Lifts the freeze over a plain connection (the restore role has no pool); tolerates a schema without the table. */
    public static Optional<Frozen> lift(Connection c) throws SQLException {
        Optional<Frozen> was = read(c);
        if (was.isPresent()) {
            c.createStatement().executeUpdate("DELETE FROM write_freeze");
        }
        return was;
    }

    /** The freeze recorded in the database; none in a schema from before write freezes. */
    public static Optional<Frozen> read(Connection c) throws SQLException {
        try (ResultSet exists = c.createStatement().executeQuery("SELECT to_regclass('write_freeze') IS NOT NULL")) {
            if (!exists.next() || !exists.getBoolean(1)) {
                return Optional.empty();
            }
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT since, reason FROM write_freeze WHERE id = 1")) {
            return rs.next() ? Optional.of(new Frozen(rs.getTimestamp(1).toInstant(), rs.getString(2))) : Optional.empty();
        }
    }
}
