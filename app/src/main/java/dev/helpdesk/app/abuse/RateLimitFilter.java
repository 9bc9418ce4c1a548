package dev.helpdesk.app.abuse;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.web.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import dev.helpdesk.app.web.ClientAddress;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each client (user, or address when anonymous) per route; runs after authentication.
 * Routes with their own throttle ({@link ThrottledSeparately}: login counts failures only) are left to it.
 */
public class RateLimitFilter {
    private final RateLimiter limiter;
    private final CurrentActor current;
    private final ClientAddress clientAddress;

    public RateLimitFilter(RateLimiter limiter, CurrentActor current, ClientAddress clientAddress) {
        this.limiter = limiter;
        this.current = current;
        this.clientAddress = clientAddress;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void limit(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!limiter.appliesTo(path) || resource.getResourceMethod().isAnnotationPresent(ThrottledSeparately.class)) {
            return;
        }
        Actor actor = current.orNull();
        String client = actor != null ? "user:" + actor.id() : "ip:" + clientAddress.of(request);
        String route = ctx.getMethod() + ":" + resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
        long waitMs = limiter.acquire(client, route, System.currentTimeMillis());
        if (waitMs > 0) {
            long seconds = (waitMs + 999) / 1000;
            throw ApiException.tooManyRequests("rate-limited", "more than " + limiter.maxRequests()
                    + " requests to this endpoint in the current window; retry in " + seconds + " s", seconds);
        }
    }
}
