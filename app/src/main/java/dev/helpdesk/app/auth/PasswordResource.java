package dev.helpdesk.app.auth;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.abuse.LoginThrottle;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import dev.helpdesk.app.web.Rules;
import dev.helpdesk.app.web.Utf8MaxBytes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Self-service password change. Every session of the user ends (a stolen token dies with the old
 * password); the answer carries a fresh session so the caller stays logged in.
 */
@Tag(name = "Users")
@Path("/api/v1/users/me/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {
    private final Db db;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final CurrentActor current;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final ClientAddress clientAddress;

    public PasswordResource(Db db, PasswordHasher hasher, Sessions sessions, CurrentActor current, AuditLog audit,
                            LoginThrottle throttle, ClientAddress clientAddress) {
        this.db = db;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.hasher = hasher;
        this.sessions = sessions;
        this.current = current;
        this.audit = audit;
    }

    public record PasswordChange(
            @NotBlank @Size(max = 200, message = Rules.MAX_CHARS) String currentPassword,
            @NotBlank @Size(min = Rules.PASSWORD_MIN, max = Rules.PASSWORD_MAX_BYTES, message = Rules.PASSWORD_LENGTH)
            @Utf8MaxBytes(Rules.PASSWORD_MAX_BYTES) String newPassword) {}

    @Operation(operationId = "changeOwnPassword", summary = "Change your own password (ends every session, starts a new one)")
    @Extension(name = "x-errors", value = "403 The current password is wrong")
    @POST
    public AuthResource.LoginResult change(@NotNull(message = "must be a JSON object") @Valid PasswordChange body,
                                           @Context HttpServerRequest request) {
        Actor actor = current.require();
        // guessing the current password here is guessing a login password: the same limits apply
        String address = clientAddress.of(request);
        throttle.checkNotLocked(actor.email(), address);
        String hash = db.read(c -> Sql.one(c, "SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), actor.id()))
                .orElse(null);
        if (!hasher.matches(body.currentPassword(), hash)) {
            throttle.failed(actor.email(), address);
            throw ApiException.forbiddenField("currentPassword", "the current password is wrong");
        }
        String newHash = hasher.hash(body.newPassword());
        Sessions.Issued issued = db.tx(c -> {
            Sql.update(c, "UPDATE users SET password_hash = ?, updated_at = now(), version = version + 1 WHERE id = ?", newHash, actor.id());
            sessions.endAll(c, actor.id(), "password-changed");
            audit.record(c, "user", actor.id(), null, actor.id(), "password_changed", AuditLog.changes());
            return sessions.start(c, actor.id());
        });
        User user = db.read(c -> UserRepository.find(c, actor.id())).orElseThrow();
        return AuthResource.LoginResult.of(issued, user);
    }
}
