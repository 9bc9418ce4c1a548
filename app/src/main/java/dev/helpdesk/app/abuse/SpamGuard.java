package dev.helpdesk.app.abuse;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A requester may open one ticket per cooldown. Checked in the creating transaction with the
 * requester's row locked, so two simultaneous submissions cannot both pass; it lives in
 * PostgreSQL rather than Redis so tickets can still be opened while Redis is down.
 */
@ApplicationScoped
public class SpamGuard {
    private final AppConfig.SpamGuard config;

    public SpamGuard(AppConfig config) {
        this.config = config.spamGuard();
    }

    public void admit(Connection c, long requesterId) throws SQLException {
        if (!config.enabled() || config.cooldownMs() == 0) {
            return;
        }
        Instant last = Sql.one(c, "SELECT last_ticket_at FROM users WHERE id = ? FOR UPDATE",
                rs -> Sql.instant(rs, "last_ticket_at"), requesterId).orElse(null);
        Instant now = Sql.one(c, "SELECT now() AS now", rs -> Sql.instant(rs, "now")).orElseThrow();
        if (last != null) {
            long waitMs = last.toEpochMilli() + config.cooldownMs() - now.toEpochMilli();
            if (waitMs > 0) {
                throw ApiException.tooManyRequests("spam-guard",
                        "you opened a ticket moments ago; wait " + (waitMs + 999) / 1000
                                + " s before opening another, or add a comment to the existing ticket", (waitMs + 999) / 1000);
            }
        }
        Sql.update(c, "UPDATE users SET last_ticket_at = ? WHERE id = ?", now, requesterId);
    }
}
