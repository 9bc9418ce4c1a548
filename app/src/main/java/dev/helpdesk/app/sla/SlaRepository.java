package dev.helpdesk.app.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import dev.helpdesk.app.ticket.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for calendars and policies; JSON columns hold windows, conditions and targets. */
@ApplicationScoped
public class SlaRepository {
    private static final String POLICY = "SELECT id, name, position, active, calendar_id, conditions::text AS conditions, version, "
            + "targets::text AS targets, created_at, updated_at FROM sla_policies ";
    private static final String CALENDAR = "SELECT id, name, time_zone, windows::text AS windows, holidays, version FROM business_calendars ";
    private final ObjectMapper json;

    public SlaRepository(ObjectMapper json) {
        this.json = json;
    }

    public List<CalendarDefinition> calendars(Connection c) throws SQLException {
        return Sql.list(c, CALENDAR + "ORDER BY id", this::calendar);
    }

    public Optional<CalendarDefinition> calendar(Connection c, long id) throws SQLException {
        return Sql.one(c, CALENDAR + "WHERE id = ?", this::calendar, id);
    }

    /** The calendar, locked until the transaction ends (edits apply one after the other). */
    public Optional<CalendarDefinition> lockCalendar(Connection c, long id) throws SQLException {
        return Sql.one(c, CALENDAR + "WHERE id = ? FOR UPDATE", this::calendar, id);
    }

    public long insertCalendar(Connection c, CalendarDefinition d) throws SQLException {
        return Sql.insert(c, "INSERT INTO business_calendars (name, time_zone, windows, holidays) VALUES (?, ?, ?::jsonb, ?)",
                d.name(), d.timeZone(), write(d.windows()), dates(c, d.holidays()));
    }

    public void updateCalendar(Connection c, CalendarDefinition d) throws SQLException {
        Sql.update(c, "UPDATE business_calendars SET name = ?, time_zone = ?, windows = ?::jsonb, holidays = ?, updated_at = now(), "
                + "version = version + 1 WHERE id = ?",
                d.name(), d.timeZone(), write(d.windows()), dates(c, d.holidays()), d.id());
    }

    public List<SlaPolicy> policies(Connection c, boolean activeOnly) throws SQLException {
        SqlBatch batch = new SqlBatch();
        SqlBatch.Rows<SlaPolicy> rows = policies(batch, activeOnly);
        batch.run(c);
        return rows.list();
    }

    /** The policies, in the order they are tried, read with the batch's other statements. */
    SqlBatch.Rows<SlaPolicy> policies(SqlBatch batch, boolean activeOnly) {
        return batch.query(POLICY + (activeOnly ? "WHERE active " : "") + "ORDER BY position, id", this::policy);
    }

    /** The calendars active policies count in. */
    SqlBatch.Rows<CalendarDefinition> calendarsOfActivePolicies(SqlBatch batch) {
        return batch.query(CALENDAR + "WHERE id IN (SELECT calendar_id FROM sla_policies WHERE active)", this::calendar);
    }

    public Optional<SlaPolicy> policy(Connection c, long id) throws SQLException {
        return Sql.one(c, POLICY + "WHERE id = ?", this::policy, id);
    }

    public Optional<SlaPolicy> lockPolicy(Connection c, long id) throws SQLException {
        return Sql.one(c, POLICY + "WHERE id = ? FOR UPDATE", this::policy, id);
    }

    public long insertPolicy(Connection c, SlaPolicy p) throws SQLException {
        return Sql.insert(c, "INSERT INTO sla_policies (name, position, active, calendar_id, conditions, targets) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)", p.name(), p.position(), p.active(), p.calendarId(),
                write(p.conditions()), write(p.targets()));
    }

    public void updatePolicy(Connection c, SlaPolicy p) throws SQLException {
        Sql.update(c, "UPDATE sla_policies SET name = ?, position = ?, active = ?, calendar_id = ?, conditions = ?::jsonb, "
                + "targets = ?::jsonb, updated_at = now(), version = version + 1 WHERE id = ?", p.name(), p.position(), p.active(), p.calendarId(),
                write(p.conditions()), write(p.targets()), p.id());
    }

    private CalendarDefinition calendar(ResultSet rs) throws SQLException {
        List<CalendarDefinition.Window> windows = read(rs.getString("windows"), new TypeReference<>() {});
        List<LocalDate> holidays = new ArrayList<>();
        java.sql.Array a = rs.getArray("holidays");
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                holidays.add(((Date) o).toLocalDate());
            }
        }
        return new CalendarDefinition(rs.getLong("id"), rs.getString("name"), rs.getString("time_zone"), windows, holidays,
                rs.getLong("version"));
    }

    private SlaPolicy policy(ResultSet rs) throws SQLException {
        Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets = new EnumMap<>(Priority.class);
        Map<String, Map<String, SlaPolicy.Goal>> raw = read(rs.getString("targets"), new TypeReference<>() {});
        raw.forEach((priority, goals) -> {
            Map<SlaMetric, SlaPolicy.Goal> byMetric = new EnumMap<>(SlaMetric.class);
            goals.forEach((metric, goal) -> byMetric.put(SlaMetric.valueOf(metric.toUpperCase()), goal));
            targets.put(Priority.parse(priority.toLowerCase()), byMetric);
        });
        return new SlaPolicy(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getBoolean("active"),
                Sql.nullableLong(rs, "calendar_id"), read(rs.getString("conditions"), new TypeReference<SlaPolicy.Conditions>() {}),
                targets, Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getLong("version"));
    }

    private static java.sql.Array dates(Connection c, List<LocalDate> dates) throws SQLException {
        return c.createArrayOf("date", dates.stream().map(Date::valueOf).toArray());
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String s, TypeReference<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA data is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
