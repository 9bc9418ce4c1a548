package dev.helpdesk.app.health;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the process has finished what must happen before it serves (migrations in standalone
 * mode, the first admin, demo data). The HTTP port opens earlier; until then readiness is DOWN,
 * /api/health answers 503 and the API 503 with Retry-After, so "healthy" always means "log in now".
 */
@ApplicationScoped
public class Startup {
    /** Set by the roles that bootstrap after the HTTP port is open (serve, standalone). */
    public static final String PENDING_PROPERTY = "helpdesk.startup.pending";

    private volatile boolean done = !Boolean.getBoolean(PENDING_PROPERTY);

    public boolean done() {
        return done;
    }

    public void markDone() {
        done = true;
    }
}
