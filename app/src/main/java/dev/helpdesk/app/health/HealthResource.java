package dev.helpdesk.app.health;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.db.SchemaInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The app contract's health and status endpoints (DESIGN §5), read by probes, the operator and people. */
@Tag(name = "Health")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final DependencyChecks checks;
    private final SchemaInfo schema;
    private final String version;

    private final dev.helpdesk.app.queue.WorkerHealth worker;

    private final Startup startup;

    public HealthResource(DependencyChecks checks, SchemaInfo schema, dev.helpdesk.app.queue.WorkerHealth worker, Startup startup,
                          @ConfigProperty(name = "quarkus.application.version") String version) {
        this.checks = checks;
        this.startup = startup;
        this.worker = worker;
        this.schema = schema;
        this.version = version;
    }

    /** {@code starting} is present (true) only until start-up has finished: the answer is then 503. */
    public record Health(boolean database, boolean redis, boolean storage,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         Boolean starting, Instant timestamp) {}

    @Operation(operationId = "health", summary = "Dependencies reachable, start-up finished")
    @Extension(name = "x-public", value = "true")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Health.class)))
    @APIResponse(responseCode = "503", description = "A dependency is down, or the desk is starting", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Health.class)))
    @GET
    @Path("/health")
    public Response health() {
        boolean started = startup.done();
        Health h = new Health(checks.database(), checks.redis(), checks.storage(), started ? null : Boolean.TRUE, Instant.now());
        return Response.status(started && h.database() && h.redis() && h.storage() ? 200 : 503).entity(h).build();
    }

    @Operation(operationId = "status", summary = "Version, schema version and queue figures")
    @Extension(name = "x-public", value = "true")
    @GET
    @Path("/status")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        SchemaInfo.State state = schema.state();
        out.put("schemaVersion", state.current());
        out.put("expectedSchemaVersion", state.latest());
        out.put("pendingMigrations", state.pending());
        out.put("queue", worker.report().get("queue"));
        out.put("timestamp", Instant.now());
        return out;
    }
}
