package dev.helpdesk.app.auth;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Login sessions and their refresh tokens. A refresh token works once: using it returns a new
 * one (rotation); presenting a used one again means it was copied, so the whole session ends.
 */
@ApplicationScoped
public class Sessions {
    private final Db db;
    private final TokenService tokens;
    private final Duration refreshTtl;
    private final Duration sessionMax;
    private final SessionActors actors;

    public Sessions(Db db, TokenService tokens, AppConfig config, SessionActors actors) {
        this.actors = actors;
        this.db = db;
        this.tokens = tokens;
        this.refreshTtl = Duration.ofMinutes(config.tokens().refreshTtlMinutes());
        this.sessionMax = Duration.ofMinutes(config.tokens().sessionMaxMinutes());
    }

    /** What a login or refresh hands out: a short-lived access token and the refresh token that renews it. */
    public record Issued(long userId, String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt) {}

    /** Starts a session for a user who has just proven who they are. */
    public Issued start(Connection c, long userId) throws SQLException {
        Instant ends = Instant.now().plus(sessionMax);
        return issue(c, userId, open(c, userId, ends), ends);
    }

    /** A session without tokens (a browser's, whose cookie refers to it); its id. */
    public long open(Connection c, long userId) throws SQLException {
        return open(c, userId, Instant.now().plus(sessionMax));
    }

    private static long open(Connection c, long userId, Instant ends) throws SQLException {
        // sessions long over are of no use to anyone: drop them as this user's new one starts
        Sql.update(c, "DELETE FROM auth_sessions WHERE user_id = ? AND (expires_at < now() - interval '1 day' "
                + "OR revoked_at < now() - interval '1 day')", userId);
        return Sql.insert(c, "INSERT INTO auth_sessions (user_id, expires_at) VALUES (?, ?)", userId, ends);
    }

    private Issued issue(Connection c, long userId, long sessionId, Instant sessionEnds) throws SQLException {
        String refresh = TokenService.newRefreshToken();
        Instant refreshEnds = Instant.now().plus(refreshTtl);
        if (refreshEnds.isAfter(sessionEnds)) {
            refreshEnds = sessionEnds;
        }
        Sql.update(c, "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)",
                TokenService.sha256Hex(refresh), sessionId, refreshEnds);
        TokenService.AccessToken access = tokens.issue(userId, sessionId);
        return new Issued(userId, access.token(), access.expiresAt(), refresh, refreshEnds);
    }

    private record Renewal(Issued issued, String failure) {}

    /** Exchanges a refresh token for new tokens; 401 when it is unknown, expired, used before or its session ended. */
    public Issued refresh(String refreshToken) {
        String hash = TokenService.sha256Hex(refreshToken);
        Renewal renewal = db.tx(c -> {
            record Live(long sessionId, long userId, Instant sessionEnds) {}
            Optional<Live> live = Sql.one(c, "UPDATE refresh_tokens r SET used_at = now() FROM auth_sessions s, users u "
                            + "WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > now() AND s.id = r.session_id "
                            + "AND s.revoked_at IS NULL AND s.expires_at > now() AND u.id = s.user_id AND u.active "
                            + "RETURNING s.id AS session_id, s.user_id, s.expires_at",
                    rs -> new Live(rs.getLong("session_id"), rs.getLong("user_id"), Sql.instant(rs, "expires_at")), hash);
            if (live.isPresent()) {
                Sql.update(c, "UPDATE auth_sessions SET refreshed_at = now() WHERE id = ?", live.get().sessionId());
                return new Renewal(issue(c, live.get().userId(), live.get().sessionId(), live.get().sessionEnds()), null);
            }
            Optional<Long> reused = Sql.one(c, "SELECT session_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL",
                    rs -> rs.getLong(1), hash);
            if (reused.isPresent()) {
                end(c, reused.get(), "refresh-token-reused");
                return new Renewal(null, "refresh-token-reused");
            }
            return new Renewal(null, "invalid");
        });
        if (renewal.issued() != null) {
            return renewal.issued();
        }
        if (renewal.failure().equals("refresh-token-reused")) {
            throw new ApiException(401, "refresh-token-reused", "Refresh token reused",
                    "this refresh token was used before, so it may have been copied: its session has ended; log in again", null, null);
        }
        throw new ApiException(401, "invalid-refresh-token", "Invalid refresh token",
                "the refresh token is unknown or expired, or its session has ended; log in again", null, null);
    }

    public void end(Connection c, long sessionId, String reason) throws SQLException {
        Sql.one(c, "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ? WHERE id = ? AND revoked_at IS NULL "
                + "RETURNING user_id", rs -> rs.getLong(1), reason, sessionId).ifPresent(actors::fence);
    }

    /** Ends every session of a user (password change, deactivation, "log out everywhere"). */
    public int endAll(Connection c, long userId, String reason) throws SQLException {
        actors.fence(userId);
        return Sql.update(c, "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
                reason, userId);
    }

    /** The user's name, email, role, organization or state changed in this transaction: sessions in memory must not show the old ones. */
    public void userChanged(long userId) {
        actors.fence(userId);
    }
}
