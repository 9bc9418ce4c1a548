package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves {@code Authorization: Bearer} into an {@link Actor}. A request without the header is
 * anonymous (endpoints decide); a header with a bad, expired or revoked token is 401 at once.
 */
public class AuthFilter {
    private static final String ACTOR_SQL = "SELECT id, email, name, role, organization_id FROM users WHERE id = ? AND active";
    private static final String SESSION_ACTOR_SQL = "SELECT u.id, u.email, u.name, u.role, u.organization_id, s.expires_at FROM auth_sessions s "
            + "JOIN users u ON u.id = s.user_id WHERE s.id = ? AND u.id = ? AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active";
    private final Db db;
    private final TokenService tokens;
    private final CurrentActor current;
    private final SessionActors sessions;

    public AuthFilter(Db db, TokenService tokens, CurrentActor current, SessionActors sessions) {
        this.db = db;
        this.sessions = sessions;
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(7).trim();
        if (token.startsWith(TokenService.API_TOKEN_PREFIX)) {
            current.set(apiTokenActor(token).orElseThrow(AuthFilter::rejected), null);
            return;
        }
        TokenService.Claims claims = tokens.verify(token).orElseThrow(AuthFilter::rejected);
        current.set(sessionActor(claims).orElseThrow(AuthFilter::rejected), claims.sessionId());
    }

    /** The session is checked on every request (logout, password change and deactivation end its tokens at once), in memory when it can be. */
    private Optional<Actor> sessionActor(TokenService.Claims claims) {
        Actor known = sessions.recall(claims.sessionId(), claims.userId());
        if (known != null) {
            return Optional.of(known);
        }
        long ticket = sessions.before();
        record Live(Actor actor, java.time.Instant ends) {}
        Optional<Live> live = db.read(c -> Sql.one(c, SESSION_ACTOR_SQL, rs -> new Live(actor(rs), Sql.instant(rs, "expires_at")),
                claims.sessionId(), claims.userId()));
        live.ifPresent(l -> sessions.remember(ticket, claims.sessionId(), l.actor(), l.ends()));
        return live.map(Live::actor);
    }

    private static ApiException rejected() {
        return ApiException.unauthorized("the token is invalid, expired or revoked");
    }

    private Optional<Actor> apiTokenActor(String token) {
        String hash = TokenService.sha256Hex(token);
        return db.read(c -> {
            Optional<Long> tokenUser = Sql.one(c, "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL "
                    + "AND (expires_at IS NULL OR expires_at > now())", rs -> rs.getLong(1), hash);
            if (tokenUser.isEmpty()) {
                return Optional.empty();
            }
            // last use is informational: write it at most once a minute per token
            Sql.update(c, "UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ? "
                    + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", hash);
            return Sql.one(c, ACTOR_SQL, AuthFilter::actor, tokenUser.get());
        });
    }

    static Actor actor(java.sql.ResultSet rs) throws SQLException {
        return new Actor(rs.getLong("id"), rs.getString("email"), rs.getString("name"), Role.of(rs.getString("role")),
                Sql.nullableLong(rs, "organization_id"));
    }
}
