package dev.helpdesk.app.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Small statement helpers: bind parameters, map rows, nothing hidden. */
public final class Sql {
    private Sql() {}

    public static <T> List<T> list(Connection c, String sql, SqlFunction<ResultSet, T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.apply(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, SqlFunction<ResultSet, T> mapper, Object... params)
            throws SQLException {
        List<T> rows = list(c, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(c, ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("id");
            }
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
            if (p == null) {
                ps.setNull(idx, Types.NULL);
            } else if (p instanceof Instant t) {
                ps.setObject(idx, t.atOffset(ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(idx, e.toString());
            } else if (p instanceof Collection<?> coll) {
                // null elements stay NULL (not 'null'), so ?::bigint[] or ?::timestamptz[] can carry "none" in set-based writes
                ps.setArray(idx, c.createArrayOf("text", coll.stream().map(v -> java.util.Objects.toString(v, null)).toArray(String[]::new)));
            } else if (p instanceof String[] arr) {
                ps.setArray(idx, c.createArrayOf("text", arr));
            } else {
                ps.setObject(idx, p);
            }
        }
    }

    /**
     * The database's wall clock now, not the transaction's start ({@code now()}): taken once per change
     * after its rows are locked, it orders changes of one record the way they were applied.
     */
    public static Instant clock(Connection c) throws SQLException {
        SqlBatch batch = new SqlBatch();
        SqlBatch.Rows<Instant> clock = clock(batch);
        batch.run(c);
        return clock.one().orElseThrow();
    }

    /** {@link #clock(Connection)}, read with the batch's other statements. */
    public static SqlBatch.Rows<Instant> clock(SqlBatch batch) {
        return batch.query("SELECT clock_timestamp() AS t", rs -> instant(rs, "t"));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static List<String> textArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return List.of((String[]) a.getArray());
    }
}
