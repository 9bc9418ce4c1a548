package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.notify.Notifications;
import dev.helpdesk.app.queue.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Single-use, expiring links sent by email (password reset, invitation, address verification).
 * Issuing one voids the user's earlier unused links of that purpose; the mail job carries only
 * the link's id, and the worker derives the token again from the stored nonce and the secret.
 */
@ApplicationScoped
public class AccountLinks {
    public enum Purpose {
        RESET("reset", Duration.ofHours(1), "/set-password"),
        INVITE("invite", Duration.ofDays(7), "/set-password"),
        VERIFY("verify", Duration.ofDays(2), "/verify-email");

        final String key;
        public final Duration lifetime;
        public final String page;

        Purpose(String key, Duration lifetime, String page) {
            this.key = key;
            this.lifetime = lifetime;
            this.page = page;
        }

        static Purpose of(String key) {
            for (Purpose p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }

    /** A link as the mail job needs it: whom it is for and what it leads to. */
    public record Link(long id, long userId, String email, String name, Purpose purpose, String token) {
        public String path() {
            return purpose.page + "?token=" + token;
        }
    }

    private final TokenService tokens;

    public AccountLinks(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * A new link for the user, mailed by the worker after this transaction commits. Returns false
     * (and sends nothing) when one of this purpose was sent less than a minute ago: asking again
     * and again must not flood someone's mailbox.
     */
    public boolean issue(Connection c, long userId, Purpose purpose) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM account_links WHERE user_id = ? AND purpose = ? AND used_at IS NULL "
                + "AND created_at > now() - interval '1 minute'", userId, purpose.key) > 0) {
            return false;
        }
        Sql.update(c, "UPDATE account_links SET used_at = now() WHERE user_id = ? AND purpose = ? AND used_at IS NULL", userId, purpose.key);
        String nonce = TokenService.newNonce();
        long id = Sql.insert(c, "INSERT INTO account_links (user_id, purpose, nonce, token_hash, expires_at) "
                + "VALUES (?, ?, ?, ?, now() + make_interval(secs => ?))", userId, purpose.key, nonce,
                TokenService.sha256Hex(tokens.linkToken(nonce)), (double) purpose.lifetime.toSeconds());
        Outbox.add(c, Notifications.ACCOUNT_LINK, Map.of("linkId", Long.toString(id)));
        return true;
    }

    /** The link to mail, if it is still unused and unexpired. */
    public Optional<Link> forMail(Connection c, long linkId) throws SQLException {
        return Sql.one(c, "SELECT l.id, l.user_id, u.email, u.name, l.purpose, l.nonce FROM account_links l JOIN users u ON u.id = l.user_id "
                + "WHERE l.id = ? AND l.used_at IS NULL AND l.expires_at > now()", rs -> new Link(rs.getLong("id"), rs.getLong("user_id"),
                rs.getString("email"), rs.getString("name"), Purpose.of(rs.getString("purpose")), tokens.linkToken(rs.getString("nonce"))), linkId);
    }

    /** The purpose of a token that can still be used, without using it (to show the right page). */
    public Optional<Purpose> peek(Connection c, String token) throws SQLException {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return Sql.one(c, "SELECT purpose FROM account_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > now()",
                rs -> Purpose.of(rs.getString(1)), TokenService.sha256Hex(token));
    }

    /** Uses the token once: the user it was for, if it is one of these purposes, unused and unexpired. */
    public Optional<Long> use(Connection c, String token, Purpose... purposes) throws SQLException {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String[] keys = java.util.Arrays.stream(purposes).map(p -> p.key).toArray(String[]::new);
        return Sql.one(c, "UPDATE account_links SET used_at = now() WHERE token_hash = ? AND purpose = ANY (?) AND used_at IS NULL "
                + "AND expires_at > now() RETURNING user_id", rs -> rs.getLong(1), TokenService.sha256Hex(token), java.util.List.of(keys));
    }
}
