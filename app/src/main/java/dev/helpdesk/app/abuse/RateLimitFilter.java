package dev.helpdesk.app.abuse;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.web.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** Limits each client (user, or address when anonymous) per route; runs after authentication. */
public class RateLimitFilter {
    private final RateLimiter limiter;
    private final CurrentActor current;

    public RateLimitFilter(RateLimiter limiter, CurrentActor current) {
        this.limiter = limiter;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void limit(ContainerRequestContext ctx, SimpleResourceInfo resource, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!limiter.appliesTo(path)) {
            return;
        }
        Actor actor = current.orNull();
        String client = actor != null ? "user:" + actor.id()
                : "ip:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        String route = ctx.getMethod() + ":" + resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        long waitMs = limiter.acquire(client, route, System.currentTimeMillis());
        if (waitMs > 0) {
            long seconds = (waitMs + 999) / 1000;
            throw ApiException.tooManyRequests("rate-limited", "more than " + limiter.maxRequests()
                    + " requests to this endpoint in the current window; retry in " + seconds + " s", seconds);
        }
    }
}
