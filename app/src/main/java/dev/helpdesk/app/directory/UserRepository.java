package dev.helpdesk.app.directory;

import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for users; callers own the connection and so the transaction. */
public final class UserRepository {
    static final String COLUMNS = "id, email, name, role, organization_id, active, created_at, updated_at, version";

    private UserRepository() {}

    public static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"), Role.of(rs.getString("role")),
                Sql.nullableLong(rs, "organization_id"), rs.getBoolean("active"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getLong("version"));
    }

    public static Optional<User> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
    }

    /** The user, locked until the transaction ends, so concurrent edits apply one after the other. */
    public static Optional<User> lock(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE", UserRepository::map, id);
    }

    public record Credentials(User user, String passwordHash) {}

    public static Optional<Credentials> credentials(Connection c, String email) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(?)",
                rs -> new Credentials(map(rs), rs.getString("password_hash")), email);
    }

    public static boolean emailTaken(Connection c, String email, long exceptId) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM users WHERE lower(email) = lower(?) AND id <> ?", email, exceptId) > 0;
    }

    public static long insert(Connection c, String email, String name, Role role, Long organizationId,
                              String passwordHash) throws SQLException {
        return Sql.insert(c, "INSERT INTO users (email, name, role, organization_id, password_hash) VALUES (?, ?, ?, ?, ?)",
                email, name, role, organizationId, passwordHash);
    }

    public static boolean anyAdmin(Connection c) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM users WHERE role = 'admin' AND active") > 0;
    }

    /** Who tickets can be assigned to: active agents and admins, by name. */
    public static List<User> assignable(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM users WHERE role IN ('agent', 'admin') AND active ORDER BY lower(name), id",
                UserRepository::map);
    }

    public record Filter(Role role, Long organizationId, String query) {}

    public static List<User> list(Connection c, Filter f, int limit, int offset) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        params.add(offset);
        return Sql.list(c, "SELECT " + COLUMNS + " FROM users" + where + " ORDER BY id LIMIT ? OFFSET ?",
                UserRepository::map, params.toArray());
    }

    public static long count(Connection c, Filter f) throws SQLException {
        List<Object> params = new ArrayList<>();
        return Sql.count(c, "SELECT count(*) FROM users" + where(f, params), params.toArray());
    }

    private static String where(Filter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.role() != null) {
            clauses.add("role = ?");
            params.add(f.role());
        }
        if (f.organizationId() != null) {
            clauses.add("organization_id = ?");
            params.add(f.organizationId());
        }
        if (f.query() != null) {
            clauses.add("(lower(email) LIKE ? OR lower(name) LIKE ?)");
            String like = "%" + f.query().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }
}
