package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Browser sign-ins: a random cookie token (only its hash is stored) bound to a login session, and
 * the session's CSRF token. In the database, so a restart or another replica knows it.
 */
@ApplicationScoped
public class WebSessions {
    public static final String COOKIE = "hd_session";
    private static final String RESOLVE_SQL = "SELECT u.id, u.email, u.name, u.role, u.organization_id, w.session_id, w.csrf_token "
            + "FROM web_sessions w JOIN auth_sessions s ON s.id = w.session_id JOIN users u ON u.id = s.user_id "
            + "WHERE w.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active";
    private final Db db;
    private final Sessions sessions;

    public WebSessions(Db db, Sessions sessions) {
        this.db = db;
        this.sessions = sessions;
    }

    /** What the browser gets: the cookie's value, and the token its forms send back. */
    public record Started(String cookieToken, String csrfToken) {}

    /** A signed-in browser: who, which session, and the token its forms must carry. */
    public record Resolved(Actor actor, long sessionId, String csrfToken) {}

    public Started start(long userId) {
        String token = TokenService.newWebSessionToken();
        String csrf = TokenService.newCsrfToken();
        db.tx(c -> {
            long session = sessions.open(c, userId);
            Sql.update(c, "INSERT INTO web_sessions (token_hash, session_id, csrf_token) VALUES (?, ?, ?)",
                    TokenService.sha256Hex(token), session, csrf);
            return null;
        });
        return new Started(token, csrf);
    }

    public Optional<Resolved> resolve(String cookieToken) {
        if (cookieToken == null || cookieToken.isBlank() || cookieToken.length() > 100) {
            return Optional.empty();
        }
        return db.read(c -> Sql.one(c, RESOLVE_SQL, rs -> new Resolved(AuthFilter.actor(rs), rs.getLong("session_id"),
                rs.getString("csrf_token")), TokenService.sha256Hex(cookieToken)));
    }

    /** Signs the browser out: its session ends like any other (logout), on every replica at once. */
    public void end(long sessionId) {
        db.tx(c -> {
            sessions.end(c, sessionId, "logout");
            return null;
        });
    }
}
