package dev.helpdesk.app.auth;

import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The account lifecycle outside a signed-in session: forgot-password, accepting an invitation,
 * and self-registration with a confirmed address. Asking never tells whether an address has an
 * account: the answer (and the work done before it) is the same either way.
 */
@ApplicationScoped
public class AccountService {
    static final String BAD_LINK = "this link is invalid, has expired or was already used; ask for a new one";
    private final Db db;
    private final AccountLinks links;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final boolean selfRegistration;

    private final Sessions sessions;

    public AccountService(Db db, AccountLinks links, PasswordHasher hasher, AuditLog audit, Sessions sessions,
                          @ConfigProperty(name = "SELF_REGISTRATION_ENABLED", defaultValue = "false") boolean selfRegistration) {
        this.db = db;
        this.sessions = sessions;
        this.links = links;
        this.hasher = hasher;
        this.audit = audit;
        this.selfRegistration = selfRegistration;
    }

    public boolean selfRegistration() {
        return selfRegistration;
    }

    /** Emails a reset link if the address belongs to an active account; nothing otherwise, and no way to tell. */
    public void requestReset(String email) {
        db.tx(c -> {
            Optional<UserRepository.Credentials> user = UserRepository.credentials(c, email.trim());
            if (user.isPresent() && user.get().user().active()) {
                links.issue(c, user.get().user().id(), AccountLinks.Purpose.RESET);
            }
            return null;
        });
    }

    /** Sets the password of a reset or invitation link's user (once), ending every session they had; returns the user. */
    public long setPassword(String token, String password) {
        String hash = hasher.hash(password);
        return db.tx(c -> {
            long userId = links.use(c, token, AccountLinks.Purpose.RESET, AccountLinks.Purpose.INVITE)
                    .orElseThrow(() -> ApiException.invalidField("token", BAD_LINK));
            if (Sql.update(c, "UPDATE users SET password_hash = ?, updated_at = now(), version = version + 1 WHERE id = ? AND active",
                    hash, userId) == 0) {
                throw ApiException.invalidField("token", BAD_LINK); // deactivated since the link was sent
            }
            sessions.endAll(c, userId, "password-reset");
            audit.record(c, "user", userId, null, userId, "password_reset", AuditLog.changes());
            return userId;
        });
    }

    /** Sends an invitation (a link to choose a first password) to an active user; admins only. */
    public void invite(Actor admin, long userId) {
        admin.requireAdmin();
        db.tx(c -> {
            var user = UserRepository.find(c, userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            if (!user.active()) {
                throw ApiException.conflict("user-inactive", "user " + userId + " is deactivated; activate them before inviting");
            }
            if (links.issue(c, userId, AccountLinks.Purpose.INVITE)) {
                audit.record(c, "user", userId, null, admin.id(), "invited", AuditLog.changes());
            }
            return null;
        });
    }

    /**
     * A customer signs up: an inactive account until they open the link mailed to the address. An
     * address with a real account gets nothing; one with a pending sign-up is replaced by this one.
     */
    public void register(String email, String name, String password) {
        if (!selfRegistration) {
            throw ApiException.forbidden("self-registration is off on this desk; ask the support team for an account");
        }
        String hash = hasher.hash(password);
        db.tx(c -> {
            Optional<Long> pending = Sql.one(c, "SELECT id FROM users WHERE lower(email) = lower(?) AND pending_verification FOR UPDATE",
                    rs -> rs.getLong(1), email.trim());
            long userId;
            if (pending.isPresent()) {
                userId = pending.get();
                Sql.update(c, "UPDATE users SET name = ?, password_hash = ?, updated_at = now(), version = version + 1 WHERE id = ?",
                        name.trim(), hash, userId);
            } else if (UserRepository.emailTaken(c, email.trim(), 0)) {
                return null; // the owner of this address can sign in or reset their password
            } else {
                userId = UserRepository.insert(c, email.trim(), name.trim(), Role.CUSTOMER, null, hash);
                Sql.update(c, "UPDATE users SET active = false, pending_verification = true WHERE id = ?", userId);
                audit.record(c, "user", userId, null, userId, "registered", AuditLog.changes().set("email", email.trim()));
            }
            links.issue(c, userId, AccountLinks.Purpose.VERIFY);
            return null;
        });
    }

    /** Confirms a self-registered address (once): the account becomes active; returns the user. */
    public long verify(String token) {
        return db.tx(c -> {
            long userId = links.use(c, token, AccountLinks.Purpose.VERIFY).orElseThrow(() -> ApiException.invalidField("token", BAD_LINK));
            if (Sql.update(c, "UPDATE users SET active = true, pending_verification = false, updated_at = now(), version = version + 1 "
                    + "WHERE id = ? AND pending_verification", userId) == 0) {
                throw ApiException.invalidField("token", BAD_LINK);
            }
            audit.record(c, "user", userId, null, userId, "email_verified", AuditLog.changes());
            return userId;
        });
    }

    /** Whether a token can still be used, and for what (the page shows the right form, or says it expired). */
    public Optional<AccountLinks.Purpose> peek(String token) {
        return db.read(c -> links.peek(c, token));
    }
}
