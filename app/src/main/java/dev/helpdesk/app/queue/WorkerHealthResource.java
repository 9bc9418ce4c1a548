package dev.helpdesk.app.queue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The worker's probe endpoint (port 8081 in the worker role): 200 healthy, 503 unhealthy. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerHealthResource {
    private final WorkerHealth health;

    public WorkerHealthResource(WorkerHealth health) {
        this.health = health;
    }

    @GET
    public Response get() {
        Map<String, Object> report = health.report();
        return Response.status(health.healthy(report) ? 200 : 503).entity(report).build();
    }
}
