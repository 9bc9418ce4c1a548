package dev.helpdesk.app.auth;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.abuse.ThrottledSeparately;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import dev.helpdesk.app.web.Rules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Log in, renew, log out. Access tokens are short-lived; a refresh token renews them once. */
@Tag(name = "Authentication")
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Db db;
    private final PasswordLogin passwordLogin;
    private final Sessions sessions;
    private final CurrentActor current;

    public AuthResource(Db db, PasswordLogin passwordLogin, Sessions sessions, CurrentActor current) {
        this.db = db;
        this.passwordLogin = passwordLogin;
        this.sessions = sessions;
        this.current = current;
    }

    /** Passwords are compared as sent; one longer than any password the desk accepts is simply wrong. */
    @Schema(example = "{\"email\":\"agent@example.com\",\"password\":\"correct horse battery\"}")
    public record Login(@NotBlank @Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS) String email,
                        @NotBlank @Size(max = 200, message = Rules.MAX_CHARS) String password) {}

    @Schema(example = "{\"refreshToken\":\"hdr_2tQ7mN0bVv1c9wZkLx8PqE4sRfY6uJ3aHgD5iO0nMe\"}")
    public record Refresh(@NotBlank @Size(max = 200, message = Rules.MAX_CHARS) String refreshToken) {}

    /** {@code token} goes into {@code Authorization: Bearer}; {@code refreshToken} renews it at POST /auth/refresh. */
    public record LoginResult(String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt, User user) {
        static LoginResult of(Sessions.Issued issued, User user) {
            return new LoginResult(issued.token(), issued.expiresAt(), issued.refreshToken(), issued.refreshExpiresAt(), user);
        }
    }

    @Operation(operationId = "login", summary = "Log in: start a session")
    @Extension(name = "x-public", value = "true")
    @Extension(name = "x-errors", value = "401 Wrong email or password, or a deactivated account (invalid-credentials)")
    @POST
    @Path("/login")
    @ThrottledSeparately
    public LoginResult login(@NotNull(message = "must be a JSON object") @Valid Login body, @Context HttpServerRequest request) {
        User user = passwordLogin.verify(body.email(), body.password(), request);
        return LoginResult.of(db.tx(c -> sessions.start(c, user.id())), user);
    }

    /** A new access token and a new refresh token for an unused refresh token; the old one is spent. */
    @Operation(operationId = "refreshSession", summary = "Renew the access token with a refresh token (used once)")
    @Extension(name = "x-public", value = "true")
    @Extension(name = "x-errors", value = "401 Unknown, expired or already used refresh token (invalid-refresh-token, refresh-token-reused)")
    @POST
    @Path("/refresh")
    public LoginResult refresh(@NotNull(message = "must be a JSON object") @Valid Refresh body) {
        Sessions.Issued issued = sessions.refresh(body.refreshToken().trim());
        return LoginResult.of(issued, db.read(c -> UserRepository.find(c, issued.userId())).orElseThrow());
    }

    /** Ends the session of the token in use: its access and refresh tokens stop working at once. */
    @Operation(operationId = "logout", summary = "End the session of the token in use")
    @APIResponse(responseCode = "204", description = "Done")
    @Extension(name = "x-errors", value = "400 The token is an API token, which has no session")
    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Response logout() {
        current.require();
        Long session = current.sessionId();
        if (session == null) {
            throw ApiException.invalidField("Authorization", "API tokens have no session to end; revoke one with DELETE /api/v1/api-tokens/{id}");
        }
        db.tx(c -> {
            sessions.end(c, session, "logout");
            return null;
        });
        return Response.noContent().build();
    }

    /** Ends every session of the caller, on every device. */
    @Operation(operationId = "logoutEverywhere", summary = "End every session of the caller")
    @APIResponse(responseCode = "204", description = "Done")
    @POST
    @Path("/logout-everywhere")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Response logoutEverywhere() {
        Actor actor = current.require();
        db.tx(c -> sessions.endAll(c, actor.id(), "logout-everywhere"));
        return Response.noContent().build();
    }
}
