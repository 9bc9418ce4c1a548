package dev.helpdesk.app.directory;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.auth.PasswordHasher;
import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.auth.Sessions;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Rules;
import dev.helpdesk.app.web.Utf8MaxBytes;
import dev.helpdesk.app.web.ETags;
import dev.helpdesk.app.web.MergePatch;
import jakarta.ws.rs.HeaderParam;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.openapitools.jackson.nullable.JsonNullable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "Users")
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
    private final Db db;
    private final CurrentActor current;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    private final dev.helpdesk.app.auth.AccountService accounts;

    private final Sessions sessions;

    public UserResource(Db db, CurrentActor current, PasswordHasher hasher, AuditLog audit, dev.helpdesk.app.auth.AccountService accounts,
                        Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.db = db;
        this.current = current;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** POST /users; without a password the user cannot log in until an admin sets one. */
    @Schema(example = "{\"email\":\"alex@example.com\",\"name\":\"Alex Agent\",\"role\":\"agent\",\"password\":\"a long passphrase\"}")
    public record CreateUser(
            @NotBlank @Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS) @Pattern(regexp = Rules.EMAIL_PATTERN, message = Rules.EMAIL) String email,
            @NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
            @NotNull Role role,
            @Positive Long organizationId,
            @Size(min = Rules.PASSWORD_MIN, max = Rules.PASSWORD_MAX_BYTES, message = Rules.PASSWORD_LENGTH)
            @Utf8MaxBytes(Rules.PASSWORD_MAX_BYTES) String password) {}

    /** PATCH /users/{id}, a JSON merge patch; only {@code organizationId} may be null (to clear it). */
    public record UserPatch(
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Size(max = Rules.EMAIL_LENGTH, message = Rules.MAX_CHARS)
                    @Pattern(regexp = Rules.EMAIL_PATTERN, message = Rules.EMAIL) String> email,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Pattern(regexp = Rules.NON_BLANK_PATTERN, message = Rules.NOT_BLANK)
                    @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String> name,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<Role> role,
            JsonNullable<@Positive Long> organizationId,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<Boolean> active,
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Size(min = Rules.PASSWORD_MIN, max = Rules.PASSWORD_MAX_BYTES,
                    message = Rules.PASSWORD_LENGTH) @Utf8MaxBytes(Rules.PASSWORD_MAX_BYTES) String> password) {}

    @Operation(operationId = "createUser", summary = "Create a user (admins)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = User.class)))
    @Extension(name = "x-errors", value = "403 Admins only | 409 A user with this email exists (email-taken)")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid CreateUser body) {
        Actor actor = current.require().requireAdmin();
        User created = db.tx(c -> {
            if (UserRepository.emailTaken(c, body.email(), 0)) {
                throw ApiException.conflict("email-taken", "email", "a user with this email already exists");
            }
            requireOrganization(c, body.organizationId());
            long id = UserRepository.insert(c, body.email().trim(), body.name().trim(), body.role(), body.organizationId(),
                    body.password() == null ? null : hasher.hash(body.password()));
            audit.record(c, "user", id, null, actor.id(), "created", AuditLog.changes()
                    .set("email", body.email()).set("role", body.role().toString()).set("organizationId", body.organizationId()));
            return UserRepository.find(c, id).orElseThrow();
        });
        return links.created("/api/v1/users/" + created.id()).tag(ETags.of(created.version())).entity(created).build();
    }

    @Operation(operationId = "listUsers", summary = "List users (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public Page<User> list(@QueryParam("role") Role role, @QueryParam("organization") @Positive Long organization,
                           @QueryParam("q") @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String q,
                           @Valid @BeanParam PageRequest.Params page) {
        current.require().requireStaff();
        PageRequest pr = page.toRequest();
        UserRepository.Filter filter = new UserRepository.Filter(role, organization, q == null || q.isBlank() ? null : q.trim());
        return db.read(c -> pr.of(UserRepository.list(c, filter, pr.size(), pr.offset()), UserRepository.count(c, filter)));
    }

    @Operation(operationId = "inviteUser", summary = "Email the user a single-use link to choose their password and sign in (7 days; admins)")
    @APIResponse(responseCode = "202", description = "Accepted: the invitation is on its way (a repeat within a minute sends nothing more)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = dev.helpdesk.app.auth.AccountResource.Accepted.class)))
    @Extension(name = "x-errors", value = "403 Admins only | 409 The user is deactivated (user-inactive)")
    @POST
    @Path("/{id}/invitation")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Response invite(@PathParam("id") long id) {
        accounts.invite(current.require(), id);
        return Response.accepted(new dev.helpdesk.app.auth.AccountResource.Accepted("An invitation to choose a password is on its way."))
                .build();
    }

    @Operation(operationId = "getMe", summary = "The caller")
    @GET
    @Path("/me")
    public RestResponse<User> me() {
        Actor actor = current.require();
        User me = db.read(c -> UserRepository.find(c, actor.id())).orElseThrow(() -> ApiException.notFound("user"));
        return ETags.ok(me, me.version());
    }

    @Operation(operationId = "getUser", summary = "One user (agents; customers themselves)")
    @GET
    @Path("/{id}")
    public RestResponse<User> get(@PathParam("id") long id) {
        Actor actor = current.require();
        if (!actor.isStaff() && actor.id() != id) {
            throw ApiException.notFound("user " + id);
        }
        User user = db.read(c -> UserRepository.find(c, id)).orElseThrow(() -> ApiException.notFound("user " + id));
        return ETags.ok(user, user.version());
    }

    @Operation(operationId = "updateUser", summary = "Change a user (admins), as a JSON merge patch")
    @Extension(name = "x-errors", value = "403 Admins only | 409 The email is taken (email-taken), or admins demoting or deactivating themselves (last-admin)")
    @PATCH
    @Path("/{id}")
    public RestResponse<User> update(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                     @NotNull(message = "must be a JSON object") @Valid UserPatch p) {
        Actor actor = current.require().requireAdmin();
        long userId = id;
        Optional<String> email = MergePatch.sent(p.email()) ? Optional.of(p.email().get().trim()) : Optional.empty();
        Optional<String> name = MergePatch.sent(p.name()) ? Optional.of(p.name().get().trim()) : Optional.empty();
        Optional<Role> role = MergePatch.sent(p.role()) ? Optional.of(p.role().get()) : Optional.empty();
        Optional<Boolean> active = MergePatch.sent(p.active()) ? Optional.of(p.active().get()) : Optional.empty();
        Optional<String> password = MergePatch.sent(p.password()) ? Optional.of(p.password().get()) : Optional.empty();
        User updated = db.tx(c -> {
            User before = UserRepository.lock(c, userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            ETags.require(ifMatch, before.version(), "user " + userId);
            if (email.isPresent() && UserRepository.emailTaken(c, email.get(), userId)) {
                throw ApiException.conflict("email-taken", "email", "a user with this email already exists");
            }
            Long newOrg = MergePatch.apply(p.organizationId(), before.organizationId());
            requireOrganization(c, newOrg);
            if (userId == actor.id() && (role.filter(r -> r != Role.ADMIN).isPresent() || active.filter(a -> !a).isPresent())) {
                throw ApiException.conflict("last-admin", "role", "admins cannot demote or deactivate themselves");
            }
            User after = new User(userId, email.orElse(before.email()), name.orElse(before.name()),
                    role.orElse(before.role()), newOrg, active.orElse(before.active()), before.createdAt(), before.updatedAt(),
                    before.version());
            AuditLog.Changes changes = AuditLog.changes()
                    .change("email", before.email(), after.email()).change("name", before.name(), after.name())
                    .change("role", before.role().toString(), after.role().toString())
                    .change("organizationId", before.organizationId(), after.organizationId())
                    .change("active", before.active(), after.active());
            if (password.isPresent()) {
                changes.set("password", "(changed)");
            }
            if (changes.isEmpty()) {
                return before;
            }
            sessions.userChanged(userId);
            Sql.update(c, "UPDATE users SET email = ?, name = ?, role = ?, organization_id = ?, active = ?, "
                            + "password_hash = COALESCE(?, password_hash), updated_at = now(), version = version + 1 WHERE id = ?",
                    after.email(), after.name(), after.role(), after.organizationId(), after.active(),
                    password.map(hasher::hash).orElse(null), userId);
            audit.record(c, "user", userId, null, actor.id(), "updated", changes);
            // a new password or a deactivation ends every session; a deactivation also revokes API tokens,
            // so reactivating later does not revive credentials issued before
            if (password.isPresent()) {
                sessions.endAll(c, userId, "password-reset");
            }
            if (before.active() && !after.active()) {
                sessions.endAll(c, userId, "deactivated");
                Sql.update(c, "UPDATE api_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL", userId);
            }
            return UserRepository.find(c, userId).orElseThrow();
        });
        return ETags.ok(updated, updated.version());
    }

    static void requireOrganization(java.sql.Connection c, Long organizationId) throws java.sql.SQLException {
        if (organizationId != null && Sql.count(c, "SELECT count(*) FROM organizations WHERE id = ?", organizationId) == 0) {
            throw ApiException.invalidField("organizationId", "organization " + organizationId + " does not exist");
        }
    }
}
