package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.Rules;
import dev.helpdesk.app.web.Utf8MaxBytes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Forgot-password, invitations' and resets' set-password, self-registration and its address confirmation (docs/api.md, "Accounts"). */
@Tag(name = "Authentication")
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccountService accounts;
    private final Sessions sessions;
    private final Db db;

    public AccountResource(AccountService accounts, Sessions sessions, Db db) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.db = db;
    }

    @Schema(example = "{\"email\":\"alex@example.com\"}")
    public record ResetRequest(@NotBlank @Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS) String email) {}

    @Schema(example = "{\"token\":\"hV3Jt1o0a2nPq7y9cLx8PqE4sRfY6uJ3aHgD5iO0nMe\",\"password\":\"a new long passphrase\"}")
    public record NewPassword(@NotBlank @Size(max = 100, message = Rules.MAX_CHARS) String token,
                              @NotBlank @Size(min = Rules.PASSWORD_MIN, max = Rules.PASSWORD_MAX_BYTES, message = Rules.PASSWORD_LENGTH)
                              @Utf8MaxBytes(Rules.PASSWORD_MAX_BYTES) String password) {}

    @Schema(example = "{\"email\":\"sam@example.com\",\"name\":\"Sam Customer\",\"password\":\"a long passphrase\"}")
    public record Registration(
            @NotBlank @Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS) @Pattern(regexp = Rules.EMAIL_PATTERN, message = Rules.EMAIL) String email,
            @NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
            @NotBlank @Size(min = Rules.PASSWORD_MIN, max = Rules.PASSWORD_MAX_BYTES, message = Rules.PASSWORD_LENGTH)
            @Utf8MaxBytes(Rules.PASSWORD_MAX_BYTES) String password) {}

    @Schema(example = "{\"token\":\"hV3Jt1o0a2nPq7y9cLx8PqE4sRfY6uJ3aHgD5iO0nMe\"}")
    public record Confirmation(@NotBlank @Size(max = 100, message = Rules.MAX_CHARS) String token) {}

    /** The same answer whether or not the address has an account. */
    public record Accepted(String message) {}

    @Operation(operationId = "requestPasswordReset", summary = "Email a single-use link to choose a new password (1 hour)")
    @APIResponse(responseCode = "202", description = "Accepted: a link is on its way if the address has an account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @Extension(name = "x-public", value = "true")
    @POST
    @Path("/password-reset")
    public Response requestReset(@NotNull(message = "must be a JSON object") @Valid ResetRequest body) {
        accounts.requestReset(body.email());
        return Response.accepted(new Accepted(AccountMessages.RESET_SENT)).build();
    }

    @Operation(operationId = "setPassword", summary = "Choose a password with a reset or invitation link's token (signs in)")
    @Extension(name = "x-public", value = "true")
    @Extension(name = "x-errors", value = "400 The token is invalid, expired or used (field token)")
    @POST
    @Path("/set-password")
    public AuthResource.LoginResult setPassword(@NotNull(message = "must be a JSON object") @Valid NewPassword body) {
        return signIn(accounts.setPassword(body.token(), body.password()));
    }

    @Operation(operationId = "register", summary = "Sign up as a customer (SELF_REGISTRATION_ENABLED); the account works once the address is confirmed")
    @APIResponse(responseCode = "202", description = "Accepted: a confirmation link is on its way unless the address already has an account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @Extension(name = "x-public", value = "true")
    @Extension(name = "x-errors", value = "403 Self-registration is off on this desk")
    @POST
    @Path("/register")
    public Response register(@NotNull(message = "must be a JSON object") @Valid Registration body) {
        accounts.register(body.email(), body.name(), body.password());
        return Response.accepted(new Accepted(AccountMessages.REGISTERED)).build();
    }

    @Operation(operationId = "verifyEmail", summary = "Confirm a self-registered address with its link's token (activates the account, signs in)")
    @Extension(name = "x-public", value = "true")
    @Extension(name = "x-errors", value = "400 The token is invalid, expired or used (field token)")
    @POST
    @Path("/verify-email")
    public AuthResource.LoginResult verify(@NotNull(message = "must be a JSON object") @Valid Confirmation body) {
        return signIn(accounts.verify(body.token()));
    }

    private AuthResource.LoginResult signIn(long userId) {
        User user = db.read(c -> UserRepository.find(c, userId)).orElseThrow();
        return AuthResource.LoginResult.of(db.tx(c -> sessions.start(c, userId)), user);
    }
}
