package dev.helpdesk.app.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.auth.PasswordHasher;
import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Patch;
import dev.helpdesk.app.web.Params;
import dev.helpdesk.app.web.Validator;
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
import java.net.URI;
import java.util.Set;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final Db db;
    private final CurrentActor current;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public UserResource(Db db, CurrentActor current, PasswordHasher hasher, AuditLog audit) {
        this.db = db;
        this.current = current;
        this.hasher = hasher;
        this.audit = audit;
    }

    public record CreateUser(String email, String name, Role role, Long organizationId, String password) {}

    @POST
    public Response create(CreateUser body) {
        Actor actor = current.require().requireAdmin();
        if (body == null) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        Validator v = new Validator()
                .required("email", body.email()).maxLength("email", body.email(), 254).email("email", body.email())
                .required("name", body.name()).maxLength("name", body.name(), 200)
                .required("role", body.role())
                .minLength("password", body.password(), 8).maxLength("password", body.password(), 72)
                .check(body.organizationId() == null || body.organizationId() > 0, "organizationId", "must be a positive id");
        v.throwIfInvalid();
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
        return Response.created(URI.create("/api/v1/users/" + created.id())).entity(created).build();
    }

    @GET
    public Page<User> list(@QueryParam("role") String role, @QueryParam("organization") String organization,
                           @QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size) {
        current.require().requireStaff();
        Validator v = new Validator();
        Role r = v.parse("role", role, Params::role);
        Long org = v.parse("organization", organization, Params::id);
        PageRequest pr = PageRequest.parse(v, page, size);
        v.throwIfInvalid();
        UserRepository.Filter filter = new UserRepository.Filter(r, org, q == null || q.isBlank() ? null : q.trim());
        return db.read(c -> pr.of(UserRepository.list(c, filter, pr.size(), pr.offset()), UserRepository.count(c, filter)));
    }

    @GET
    @Path("/me")
    public User me() {
        Actor actor = current.require();
        return db.read(c -> UserRepository.find(c, actor.id())).orElseThrow(() -> ApiException.notFound("user"));
    }

    @GET
    @Path("/{id}")
    public User get(@PathParam("id") String id) {
        Actor actor = current.require();
        long userId = Params.pathId(id);
        if (!actor.isStaff() && actor.id() != userId) {
            throw ApiException.notFound("user " + userId);
        }
        return db.read(c -> UserRepository.find(c, userId)).orElseThrow(() -> ApiException.notFound("user " + userId));
    }

    private static final Set<String> PATCHABLE = Set.of("email", "name", "role", "organizationId", "active", "password");

    @PATCH
    @Path("/{id}")
    public User update(@PathParam("id") String id, JsonNode body) {
        Actor actor = current.require().requireAdmin();
        long userId = Params.pathId(id);
        Patch p = Patch.of(body, PATCHABLE);
        var email = p.text("email", false);
        var name = p.text("name", false);
        var role = p.parsed("role", Params::role);
        var org = p.id("organizationId", true);
        var active = p.bool("active");
        var password = p.text("password", false);
        Validator v = p.validator();
        email.ifPresent(e -> v.maxLength("email", e, 254).email("email", e));
        name.ifPresent(n -> v.required("name", n).maxLength("name", n, 200));
        password.ifPresent(pw -> v.minLength("password", pw, 8).maxLength("password", pw, 72));
        v.throwIfInvalid();
        return db.tx(c -> {
            User before = UserRepository.find(c, userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            if (email.isPresent() && UserRepository.emailTaken(c, email.get(), userId)) {
                throw ApiException.conflict("email-taken", "email", "a user with this email already exists");
            }
            Long newOrg = p.has("organizationId") ? org.orElse(null) : before.organizationId();
            requireOrganization(c, newOrg);
            if (userId == actor.id() && (role.filter(r -> r != Role.ADMIN).isPresent() || active.filter(a -> !a).isPresent())) {
                throw ApiException.conflict("last-admin", "role", "admins cannot demote or deactivate themselves");
            }
            User after = new User(userId, email.orElse(before.email()), name.orElse(before.name()),
                    role.orElse(before.role()), newOrg, active.orElse(before.active()), before.createdAt(), before.updatedAt());
            Sql.update(c, "UPDATE users SET email = ?, name = ?, role = ?, organization_id = ?, active = ?, "
                            + "password_hash = COALESCE(?, password_hash), updated_at = now() WHERE id = ?",
                    after.email(), after.name(), after.role(), after.organizationId(), after.active(),
                    password.map(hasher::hash).orElse(null), userId);
            AuditLog.Changes changes = AuditLog.changes()
                    .change("email", before.email(), after.email()).change("name", before.name(), after.name())
                    .change("role", before.role().toString(), after.role().toString())
                    .change("organizationId", before.organizationId(), after.organizationId())
                    .change("active", before.active(), after.active());
            if (password.isPresent()) {
                changes.set("password", "(changed)");
            }
            if (!changes.isEmpty()) {
                audit.record(c, "user", userId, null, actor.id(), "updated", changes);
            }
            return UserRepository.find(c, userId).orElseThrow();
        });
    }

    static void requireOrganization(java.sql.Connection c, Long organizationId) throws java.sql.SQLException {
        if (organizationId != null && Sql.count(c, "SELECT count(*) FROM organizations WHERE id = ?", organizationId) == 0) {
            throw ApiException.invalidField("organizationId", "organization " + organizationId + " does not exist");
        }
    }
}
