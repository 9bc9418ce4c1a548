package dev.helpdesk.app.queue;

import dev.helpdesk.app.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * In the worker role the HTTP port (8081, scraped for metrics) answers only the worker's probe:
 * the API, the UI's calls and logins belong to the app pods behind the app Service.
 */
public class WorkerSurface {
    @ServerRequestFilter(preMatching = true)
    public void onlyTheProbe(ContainerRequestContext ctx) {
        if ("worker".equals(JobRoles.current()) && !"/health".equals(ctx.getUriInfo().getPath())) {
            throw new ApiException(404, "not-found", "Not found", "the worker serves only /health and /q/metrics; the API is on the app"
                    + " Service", null, null);
        }
    }
}
