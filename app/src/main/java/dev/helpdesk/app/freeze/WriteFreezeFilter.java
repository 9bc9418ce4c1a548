package dev.helpdesk.app.freeze;

import dev.helpdesk.app.web.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While writes are frozen every request that could change data answers 503 problem+json with
 * Retry-After; reads keep working. Signing in and out stays open: a session lost to a rollback's
 * restore costs one more sign-in, not data.
 */
public class WriteFreezeFilter {
    static final long RETRY_AFTER_SECONDS = 30;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String AUTH = "/api/v1/auth/";

    private final WriteFreeze freeze;

    public WriteFreezeFilter(WriteFreeze freeze) {
        this.freeze = freeze;
    }

    // after authentication, so a bad token still answers 401
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 5)
    public void refuseWrites(ContainerRequestContext ctx) {
        if (READS.contains(ctx.getMethod()) || ctx.getUriInfo().getPath().startsWith(AUTH)) {
            return;
        }
        freeze.current().ifPresent(f -> {
            throw ApiException.unavailable("writes-frozen", "the helpdesk is read-only since " + f.since() + " (" + f.reason()
                    + "); reads work, writes are accepted again when it is over", RETRY_AFTER_SECONDS);
        });
    }
}
