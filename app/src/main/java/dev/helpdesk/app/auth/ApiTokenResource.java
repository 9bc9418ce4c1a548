package dev.helpdesk.app.auth;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Rules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Long-lived API tokens for integrations; admins create them for any user. The secret is shown once. */
@Tag(name = "API tokens")
@Path("/api/v1/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
    private static final String COLUMNS = "id, user_id, name, created_at, expires_at, last_used_at, revoked_at";
    private final Db db;
    private final CurrentActor current;
    private final AuditLog audit;

    public ApiTokenResource(Db db, CurrentActor current, AuditLog audit) {
        this.db = db;
        this.current = current;
        this.audit = audit;
    }

    /** POST /api-tokens: for {@code userId} (default: the caller), expiring after {@code expiresInDays} (default: never). */
    public record CreateToken(@NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
                              @Positive Long userId,
                              @Min(1) @Max(MAX_DAYS) Integer expiresInDays) {}

    static final int MAX_DAYS = 3650;

    /** {@code token} is the secret, present only in the answer that created it. */
    public record ApiToken(long id, long userId, String name, Instant createdAt, @Schema(nullable = true) Instant expiresAt,
                           @Schema(nullable = true) Instant lastUsedAt, @Schema(nullable = true) Instant revokedAt,
                           @Schema(nullable = true) String token) {}

    @Operation(operationId = "createApiToken", summary = "Create an API token (admins); the secret is shown once")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiToken.class)))
    @Extension(name = "x-errors", value = "403 Admins only")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid CreateToken body) {
        Actor actor = current.require().requireAdmin();
        long userId = body.userId() == null ? actor.id() : body.userId();
        String secret = TokenService.newApiToken();
        Instant expires = body.expiresInDays() == null ? null : Instant.now().plus(body.expiresInDays(), ChronoUnit.DAYS);
        ApiToken created = db.tx(c -> {
            if (UserRepository.find(c, userId).isEmpty()) {
                throw ApiException.invalidField("userId", "user " + userId + " does not exist");
            }
            long id = Sql.insert(c, "INSERT INTO api_tokens (user_id, name, token_hash, created_by, expires_at) VALUES (?, ?, ?, ?, ?)",
                    userId, body.name().trim(), TokenService.sha256Hex(secret), actor.id(), expires);
            audit.record(c, "api_token", id, null, actor.id(), "created",
                    AuditLog.changes().set("userId", userId).set("name", body.name().trim()));
            return Sql.one(c, "SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", rs -> map(rs, secret), id).orElseThrow();
        });
        return links.created("/api/v1/api-tokens/" + created.id()).entity(created).build();
    }

    @Operation(operationId = "listApiTokens", summary = "List API tokens (admins)")
    @Extension(name = "x-errors", value = "403 Admins only")
    @GET
    public List<ApiToken> list() {
        current.require().requireAdmin();
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM api_tokens ORDER BY id", rs -> map(rs, null)));
    }

    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token (admins)")
    @APIResponse(responseCode = "204", description = "Done")
    @Extension(name = "x-errors", value = "403 Admins only")
    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Response revoke(@PathParam("id") long id) {
        Actor actor = current.require().requireAdmin();
        long tokenId = id;
        db.tx(c -> {
            if (Sql.update(c, "UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", tokenId) == 0
                    && Sql.count(c, "SELECT count(*) FROM api_tokens WHERE id = ?", tokenId) == 0) {
                throw ApiException.notFound("api token " + tokenId);
            }
            audit.record(c, "api_token", tokenId, null, actor.id(), "revoked", AuditLog.changes());
            return null;
        });
        return Response.noContent().build();
    }

    private static ApiToken map(ResultSet rs, String secret) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"), Sql.instant(rs, "revoked_at"), secret);
    }
}
