package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
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
import java.time.Instant;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Db db;
    private final PasswordHasher hasher;
    private final TokenService tokens;

    public AuthResource(Db db, PasswordHasher hasher, TokenService tokens) {
        this.db = db;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /** Passwords are compared as sent; longer than any password the desk accepts is simply wrong. */
    public record Login(@NotBlank @Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS) String email,
                        @NotBlank @Size(max = 200, message = Rules.MAX_CHARS) String password) {}

    public record LoginResult(String token, Instant expiresAt, User user) {}

    @POST
    @Path("/login")
    public LoginResult login(@NotNull(message = "must be a JSON object") @Valid Login body) {
        var credentials = db.read(c -> UserRepository.credentials(c, body.email().trim()));
        boolean ok = hasher.matches(body.password(), credentials.map(UserRepository.Credentials::passwordHash).orElse(null));
        if (!ok || !credentials.get().user().active()) {
            throw new ApiException(401, "invalid-credentials", "Invalid credentials",
                    "the email or password is wrong, or the account is deactivated", null, null);
        }
        User user = credentials.get().user();
        TokenService.IssuedToken issued = tokens.issue(user.id());
        return new LoginResult(issued.token(), issued.expiresAt(), user);
    }
}
