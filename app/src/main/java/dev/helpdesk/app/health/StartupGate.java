package dev.helpdesk.app.health;

import dev.helpdesk.app.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** API requests that arrive before start-up finished get 503 with Retry-After instead of half-initialized answers. */
public class StartupGate {
    private final Startup startup;

    public StartupGate(Startup startup) {
        this.startup = startup;
    }

    @ServerRequestFilter(preMatching = true)
    public void gate(ContainerRequestContext ctx) {
        if (!startup.done() && ctx.getUriInfo().getPath().startsWith("/api/v1/")) {
            throw new ApiException(503, "starting", "Starting", "the desk is still starting (migrations, first admin); retry in a moment",
                    null, java.util.Map.of("Retry-After", "2"));
        }
    }
}
