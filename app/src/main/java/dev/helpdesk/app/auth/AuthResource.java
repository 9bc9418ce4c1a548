package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Validator;
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

    public record Login(String email, String password) {}

    public record LoginResult(String token, Instant expiresAt, User user) {}

    @POST
    @Path("/login")
    public LoginResult login(Login body) {
        if (body == null) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        new Validator().required("email", body.email()).maxLength("email", body.email(), 254)
                .required("password", body.password()).maxLength("password", body.password(), 200).throwIfInvalid();
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
