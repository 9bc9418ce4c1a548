package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.SqlBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The active SLA policies and their calendars, kept in memory between requests. Each use reads the
 * database's settings stamp (a trigger changes it on every write to policies or calendars, from any
 * replica or by hand), usually in a round trip the caller makes anyway; a different stamp loads them
 * again. A minute's age reloads them regardless, should a change ever bypass the trigger.
 */
@ApplicationScoped
public class SlaSettings {
    static final String STAMP_SQL = "SELECT stamp::text FROM sla_settings_stamp";
    private static final long MAX_AGE_NANOS = Duration.ofMinutes(1).toNanos();
    private final SlaRepository repository;
    private volatile Loaded loaded;

    private record Loaded(String stamp, Policies policies, long at) {}

    public SlaSettings(SlaRepository repository) {
        this.repository = repository;
    }

    /** The stamp, read with the caller's other statements; pass its value to {@link #policies(Connection, String)}. */
    public SqlBatch.Rows<String> stamp(SqlBatch batch) {
        return batch.query(STAMP_SQL, rs -> rs.getString(1));
    }

    /** The current policies: one small read while they are unchanged. */
    public Policies policies(Connection c) throws SQLException {
        SqlBatch batch = new SqlBatch();
        SqlBatch.Rows<String> stamp = stamp(batch);
        batch.run(c);
        return policies(c, stamp.one().orElse(null));
    }

    /** The policies for a stamp just read in {@code c}: the ones in memory if they are that stamp's, else loaded. */
    public Policies policies(Connection c, String stamp) throws SQLException {
        Loaded l = loaded;
        if (l != null && stamp != null && l.stamp().equals(stamp) && System.nanoTime() - l.at() < MAX_AGE_NANOS) {
            return l.policies();
        }
        return load(c);
    }

    /** Policies, calendars and the stamp in one round trip; the stamp first, so a change made meanwhile is seen as one next time. */
    private Policies load(Connection c) throws SQLException {
        long at = System.nanoTime();
        SqlBatch batch = new SqlBatch();
        SqlBatch.Rows<String> stamp = stamp(batch);
        SqlBatch.Rows<SlaPolicy> active = repository.policies(batch, true);
        SqlBatch.Rows<CalendarDefinition> calendars = repository.calendarsOfActivePolicies(batch);
        batch.run(c);
        Policies policies = new Policies(active.list(), calendars.list());
        String s = stamp.one().orElse(null);
        if (s != null) {
            loaded = new Loaded(s, policies, at);
        }
        return policies;
    }

    /** An immutable snapshot: shared by concurrent requests and scans. */
    public static final class Policies {
        private final List<SlaPolicy> active;
        private final Map<Long, Object> calendars = new HashMap<>(); // a BusinessCalendar, or why it cannot be built

        Policies(List<SlaPolicy> active, List<CalendarDefinition> calendarDefinitions) {
            this.active = List.copyOf(active);
            for (CalendarDefinition d : calendarDefinitions) {
                Object built;
                try {
                    built = d.toCalendar();
                } catch (RuntimeException e) {
                    built = e; // stored before today's validation, or edited by hand: its tickets show the SLA as unknown
                }
                calendars.put(d.id(), built);
            }
        }

        public boolean isEmpty() {
            return active.isEmpty();
        }

        List<SlaPolicy> active() {
            return active;
        }

        /** The calendar a policy counts in; none: around the clock in UTC. Throws when the stored one is unusable. */
        BusinessCalendar calendar(Long id) {
            if (id == null) {
                return BusinessCalendar.always(java.time.ZoneOffset.UTC);
            }
            Object c = calendars.get(id);
            if (c instanceof RuntimeException e) {
                throw e;
            }
            return c == null ? BusinessCalendar.always(java.time.ZoneOffset.UTC) : (BusinessCalendar) Objects.requireNonNull(c);
        }
    }
}
