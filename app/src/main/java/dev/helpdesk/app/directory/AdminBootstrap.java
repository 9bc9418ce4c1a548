package dev.helpdesk.app.directory;

import dev.helpdesk.app.auth.PasswordHasher;
import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Creates the first admin from HELPDESK_ADMIN_EMAIL/PASSWORD when the desk has none yet. */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private final Db db;
    private final PasswordHasher hasher;

    public AdminBootstrap(Db db, PasswordHasher hasher) {
        this.db = db;
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
}
