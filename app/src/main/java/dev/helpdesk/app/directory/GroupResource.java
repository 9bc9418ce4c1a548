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
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Rules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@Tag(name = "Groups")
@Path("/api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
    private final Db db;
    private final CurrentActor current;
    private final AuditLog audit;

    public GroupResource(Db db, CurrentActor current, AuditLog audit) {
        this.db = db;
        this.current = current;
        this.audit = audit;
    }

    public record CreateGroup(@NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name) {}

    @Operation(operationId = "createGroup", summary = "Create a group (admins)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Group.class)))
    @Extension(name = "x-errors", value = "403 Admins only | 409 A group with this name exists (name-taken)")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid CreateGroup body) {
        Actor actor = current.require().requireAdmin();
        Group group = db.tx(c -> {
            if (Sql.count(c, "SELECT count(*) FROM groups WHERE lower(name) = lower(?)", body.name().trim()) > 0) {
                throw ApiException.conflict("name-taken", "name", "a group with this name already exists");
            }
            long id = Sql.insert(c, "INSERT INTO groups (name) VALUES (?)", body.name().trim());
            audit.record(c, "group", id, null, actor.id(), "created", AuditLog.changes().set("name", body.name().trim()));
            return find(c, id).orElseThrow();
        });
        return links.created("/api/v1/groups/" + group.id()).entity(group).build();
    }

    @Operation(operationId = "listGroups", summary = "List groups (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public List<Group> list() {
        current.require().requireStaff();
        return db.read(c -> {
            List<Long> ids = Sql.list(c, "SELECT id FROM groups ORDER BY name", rs -> rs.getLong(1));
            List<Group> out = new java.util.ArrayList<>();
            for (long id : ids) {
                out.add(find(c, id).orElseThrow());
            }
            return out;
        });
    }

    @Operation(operationId = "getGroup", summary = "One group (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    @Path("/{id}")
    public Group get(@PathParam("id") long id) {
        current.require().requireStaff();
        long groupId = id;
        return db.read(c -> find(c, groupId)).orElseThrow(() -> ApiException.notFound("group " + groupId));
    }

    /** Adds an agent to the group; idempotent. */
    @Operation(operationId = "addGroupMember", summary = "Add an agent to a group (admins); idempotent")
    @Extension(name = "x-errors", value = "403 Admins only")
    @PUT
    @Path("/{id}/members/{userId}")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Group addMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        Actor actor = current.require().requireAdmin();
        long groupId = id;
        long memberId = userId;
        return db.tx(c -> {
            find(c, groupId).orElseThrow(() -> ApiException.notFound("group " + groupId));
            User user = UserRepository.find(c, memberId).orElseThrow(() -> ApiException.notFound("user " + memberId));
            if (!user.role().isStaff()) {
                throw ApiException.invalidField("userId", "only agents and admins can be group members");
            }
            if (Sql.update(c, "INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    groupId, memberId) > 0) {
                audit.record(c, "group", groupId, null, actor.id(), "member_added", AuditLog.changes().set("userId", memberId));
            }
            return find(c, groupId).orElseThrow();
        });
    }

    @Operation(operationId = "removeGroupMember", summary = "Remove a member from a group (admins)")
    @Extension(name = "x-errors", value = "403 Admins only")
    @DELETE
    @Path("/{id}/members/{userId}")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Group removeMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        Actor actor = current.require().requireAdmin();
        long groupId = id;
        long memberId = userId;
        return db.tx(c -> {
            find(c, groupId).orElseThrow(() -> ApiException.notFound("group " + groupId));
            if (Sql.update(c, "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", groupId, memberId) > 0) {
                audit.record(c, "group", groupId, null, actor.id(), "member_removed", AuditLog.changes().change("userId", memberId, null));
            }
            return find(c, groupId).orElseThrow();
        });
    }

    static Optional<Group> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT g.id, g.name, g.created_at, "
                        + "COALESCE(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS members "
                        + "FROM groups g LEFT JOIN group_members m ON m.group_id = g.id WHERE g.id = ? GROUP BY g.id",
                rs -> new Group(rs.getLong("id"), rs.getString("name"),
                        List.of((Long[]) rs.getArray("members").getArray()), Sql.instant(rs, "created_at")), id);
    }
}
