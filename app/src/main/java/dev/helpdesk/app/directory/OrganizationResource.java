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
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Rules;
import dev.helpdesk.app.web.ETags;
import dev.helpdesk.app.web.MergePatch;
import jakarta.ws.rs.HeaderParam;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.openapitools.jackson.nullable.JsonNullable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

@Tag(name = "Organizations")
@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
    private static final String COLUMNS = "id, name, domain, created_at, updated_at, version";
    private final Db db;
    private final CurrentActor current;
    private final AuditLog audit;

    public OrganizationResource(Db db, CurrentActor current, AuditLog audit) {
        this.db = db;
        this.current = current;
        this.audit = audit;
    }

    public record CreateOrganization(@NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
                                     @Size(max = MAX_DOMAIN, message = Rules.MAX_CHARS) String domain) {}

    /** PATCH /organizations/{id}, a JSON merge patch; {@code domain} may be null to clear it. */
    public record OrganizationPatch(
            @NotNull(message = MergePatch.NOT_NULL) JsonNullable<@Pattern(regexp = Rules.NON_BLANK_PATTERN, message = Rules.NOT_BLANK)
                    @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String> name,
            JsonNullable<@Size(max = MAX_DOMAIN, message = Rules.MAX_CHARS) String> domain) {}

    static final int MAX_DOMAIN = 253;

    @Operation(operationId = "createOrganization", summary = "Create an organization (admins)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Organization.class)))
    @Extension(name = "x-errors", value = "403 Admins only | 409 An organization with this name exists (name-taken)")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid CreateOrganization body) {
        Actor actor = current.require().requireAdmin();
        Organization org = db.tx(c -> {
            requireUniqueName(c, body.name(), 0);
            long id = Sql.insert(c, "INSERT INTO organizations (name, domain) VALUES (?, ?)", body.name().trim(), body.domain());
            audit.record(c, "organization", id, null, actor.id(), "created",
                    AuditLog.changes().set("name", body.name().trim()).set("domain", body.domain()));
            return find(c, id).orElseThrow();
        });
        return links.created("/api/v1/organizations/" + org.id()).tag(ETags.of(org.version())).entity(org).build();
    }

    @Operation(operationId = "listOrganizations", summary = "List organizations (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public Page<Organization> list(@Valid @BeanParam PageRequest.Params page) {
        current.require().requireStaff();
        PageRequest pr = page.toRequest();
        return db.read(c -> pr.of(
                Sql.list(c, "SELECT " + COLUMNS + " FROM organizations ORDER BY id LIMIT ? OFFSET ?",
                        OrganizationResource::map, pr.size(), pr.offset()),
                Sql.count(c, "SELECT count(*) FROM organizations")));
    }

    @Operation(operationId = "getOrganization", summary = "One organization (agents; customers their own)")
    @GET
    @Path("/{id}")
    public RestResponse<Organization> get(@PathParam("id") long id) {
        Actor actor = current.require();
        if (!actor.isStaff() && !Long.valueOf(id).equals(actor.organizationId())) {
            throw ApiException.notFound("organization " + id);
        }
        Organization org = db.read(c -> find(c, id)).orElseThrow(() -> ApiException.notFound("organization " + id));
        return ETags.ok(org, org.version());
    }

    @Operation(operationId = "updateOrganization", summary = "Change an organization (admins), as a JSON merge patch")
    @Extension(name = "x-errors", value = "403 Admins only | 409 An organization with this name exists (name-taken)")
    @PATCH
    @Path("/{id}")
    public RestResponse<Organization> update(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                             @NotNull(message = "must be a JSON object") @Valid OrganizationPatch p) {
        Actor actor = current.require().requireAdmin();
        long orgId = id;
        Optional<String> name = MergePatch.sent(p.name()) ? Optional.of(p.name().get()) : Optional.empty();
        Organization updated = db.tx(c -> {
            Organization before = Sql.one(c, "SELECT " + COLUMNS + " FROM organizations WHERE id = ? FOR UPDATE",
                    OrganizationResource::map, orgId).orElseThrow(() -> ApiException.notFound("organization " + orgId));
            ETags.require(ifMatch, before.version(), "organization " + orgId);
            String newName = name.map(String::trim).orElse(before.name());
            String newDomain = MergePatch.apply(p.domain(), before.domain());
            AuditLog.Changes changes = AuditLog.changes().change("name", before.name(), newName).change("domain", before.domain(), newDomain);
            if (changes.isEmpty()) {
                return before;
            }
            requireUniqueName(c, newName, orgId);
            Sql.update(c, "UPDATE organizations SET name = ?, domain = ?, updated_at = now(), version = version + 1 WHERE id = ?",
                    newName, newDomain, orgId);
            audit.record(c, "organization", orgId, null, actor.id(), "updated", changes);
            return find(c, orgId).orElseThrow();
        });
        return ETags.ok(updated, updated.version());
    }

    private static void requireUniqueName(Connection c, String name, long exceptId) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM organizations WHERE lower(name) = lower(?) AND id <> ?", name.trim(), exceptId) > 0) {
            throw ApiException.conflict("name-taken", "name", "an organization with this name already exists");
        }
    }

    static Optional<Organization> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM organizations WHERE id = ?", OrganizationResource::map, id);
    }

    static Organization map(ResultSet rs) throws SQLException {
        return new Organization(rs.getLong("id"), rs.getString("name"), rs.getString("domain"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
