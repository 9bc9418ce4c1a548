package dev.helpdesk.app.freeze;

import dev.helpdesk.app.web.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
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
    /** Signing in and out only touches sessions, which a restore may lose harmlessly; account changes are writes. */
    private static final Set<String> SIGN_IN_OUT = Set.of("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
            "/api/v1/auth/logout-everywhere", "/login", "/logout");

    private static final String READ_ONLY_PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Read-only for a moment · HelpDesk</title>
            <link rel="stylesheet" href="/ui.css"></head><body><main id="main"><h1>The helpdesk is read-only for a moment</h1>
            <p id="error-message">An upgrade is under way: you can read tickets, but nothing can be changed for a few minutes.
            What you sent was not saved. Go back (your text is still in the form) and send it again in a minute.</p>
            <p><a href="/">Back to the tickets</a></p></main></body></html>
            """;

    private final WriteFreeze freeze;

    public WriteFreezeFilter(WriteFreeze freeze) {
        this.freeze = freeze;
    }

    // after authentication, so a bad token still answers 401
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 5)
    public Response refuseWrites(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (READS.contains(ctx.getMethod()) || SIGN_IN_OUT.contains(path)) {
            return null;
        }
        var frozen = freeze.current();
        if (frozen.isEmpty()) {
            return null;
        }
        if (!path.startsWith("/api/")) {
            // a web page's form: a page a person can read, not problem+json
            return Response.status(503).type("text/html; charset=UTF-8").header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(READ_ONLY_PAGE).build();
        }
        throw ApiException.unavailable("writes-frozen", "the helpdesk is read-only since " + frozen.get().since() + " ("
                + frozen.get().reason() + "); reads work, writes are accepted again when it is over", RETRY_AFTER_SECONDS);
    }
}
