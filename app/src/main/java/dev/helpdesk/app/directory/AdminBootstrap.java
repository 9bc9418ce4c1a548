package dev.helpdesk.app.directory;

import dev.helpdesk.app.auth.PasswordHasher;
import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.auth.Sessions;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Creates the first admin from HELPDESK_ADMIN_EMAIL/PASSWORD when the desk has none yet. */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private final Db db;
    private final PasswordHasher hasher;
    private final Sessions sessions;

    public AdminBootstrap(Db db, PasswordHasher hasher, Sessions sessions) {
        this.db = db;
        this.sessions = sessions;
        this.hasher = hasher;
    }

    /** @return true when an admin was created now */
    public boolean ensureFirstAdmin(AppConfig.Admin admin) {
        return db.tx(c -> {
            // serialize concurrent replicas starting at once
            c.createStatement().execute("SELECT pg_advisory_xact_lock(4242001)");
            if (UserRepository.anyAdmin(c)) {
                return false;
            }
            if (UserRepository.emailTaken(c, admin.email(), 0)) {
                LOG.warnf("HELPDESK_ADMIN_EMAIL %s belongs to an existing non-admin user; no admin was created", admin.email());
                return false;
            }
            UserRepository.insert(c, admin.email(), "Administrator", Role.ADMIN, null, hasher.hash(admin.password()));
            LOG.infof("created the first admin %s", admin.email());
            return true;
        });
    }

    /** The email of the oldest active admin, if there is one. */
    public Optional<String> firstAdminEmail() {
        return db.read(c -> Sql.one(c, "SELECT email FROM users WHERE role = 'admin' AND active ORDER BY id LIMIT 1",
                rs -> rs.getString(1)));
    }

    /**
     * Sets an admin's password ({@code email}, or the oldest active admin) and ends their sessions:
     * the way back in when the admin password is lost. Returns the admin's email.
     */
    public String resetPassword(Optional<String> email, String password) {
        return db.tx(c -> {
            Optional<User> admin = email.isPresent()
                    ? UserRepository.credentials(c, email.get()).map(UserRepository.Credentials::user).filter(u -> u.role() == Role.ADMIN)
                    : Sql.one(c, "SELECT " + UserRepository.COLUMNS + " FROM users WHERE role = 'admin' AND active ORDER BY id LIMIT 1",
                            UserRepository::map);
            User user = admin.orElseThrow(() -> new IllegalStateException(email.map(e -> e + " is not an admin of this desk")
                    .orElse("this desk has no active admin yet; start it once to create one")));
            Sql.update(c, "UPDATE users SET password_hash = ?, active = TRUE, updated_at = now(), version = version + 1 WHERE id = ?",
                    hasher.hash(password), user.id());
            sessions.endAll(c, user.id(), "password-reset");
            LOG.infof("reset the password of admin %s", user.email());
            return user.email();
        });
    }
}
