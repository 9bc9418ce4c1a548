package dev.helpdesk.app.queue;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The worker's probe endpoint (port 8081 in the worker role): 200 healthy, 503 unhealthy. */
@Tag(name = "Health")
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerHealthResource {
    private final WorkerHealth health;

    public WorkerHealthResource(WorkerHealth health) {
        this.health = health;
    }

    @Operation(operationId = "workerHealth", summary = "Health of the worker (role worker, port 8081)")
    @Extension(name = "x-public", value = "true")
    @APIResponse(responseCode = "200", description = "Healthy", content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "503", description = "Unhealthy", content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @GET
    public Response get() {
        Map<String, Object> report = health.report();
        return Response.status(health.healthy(report) ? 200 : 503).entity(report).build();
    }
}
