package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.directory.Group;
import dev.helpdesk.app.directory.GroupResource;
import dev.helpdesk.app.directory.Organization;
import dev.helpdesk.app.directory.OrganizationResource;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserResource;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The people: users (create with role and organization), organizations and groups, each through the API's operations. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminDirectoryPages {
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    @Inject @Location("ui/admin-users.html") Template usersPage;
    @Inject @Location("ui/admin-organizations.html") Template organizationsPage;
    @Inject @Location("ui/admin-groups.html") Template groupsPage;
    @Inject AdminGate gate;
    @Inject AdminChoices choices;
    @Inject Pages pages;
    @Inject Validator validator;
    @Inject UserResource userApi;
    @Inject OrganizationResource organizationApi;
    @Inject GroupResource groupApi;

    /** A user typed into the form, kept to show it again with its errors. */
    public record UserForm(String email, String name, String role, String organizationId) {
        static UserForm empty() {
            return new UserForm("", "", "agent", "");
        }
    }

    // ---- users

    @GET
    @Path("users")
    public Response users(@QueryParam("q") String q, @QueryParam("page") Long page, @QueryParam("created") String created) {
        Response refused = gate.refusal("/admin/users");
        return refused != null ? refused : usersView(200, q, page, UserForm.empty(), Map.of(), created);
    }

    @POST
    @Path("users")
    @Consumes(FORM)
    public Response createUser(@FormParam("email") String email, @FormParam("name") String name, @FormParam("role") String role,
                               @FormParam("organizationId") String organizationId, @FormParam("password") String password,
                               @FormParam(FormToken.FIELD) String token) {
        Response refused = gate.formRefusal("/admin/users", token);
        if (refused != null) {
            return refused;
        }
        UserForm typed = new UserForm(orEmpty(email), orEmpty(name), orEmpty(role), orEmpty(organizationId));
        Map<String, String> errors = new LinkedHashMap<>();
        Role parsedRole = null;
        try {
            parsedRole = Role.of(typed.role());
        } catch (IllegalArgumentException e) {
            errors.put("role", "Choose admin, agent or customer.");
        }
        Long org = null;
        if (!typed.organizationId().isBlank()) {
            try {
                org = Long.parseLong(typed.organizationId());
            } catch (NumberFormatException e) {
                errors.put("organizationId", "Choose an organization from the list.");
            }
        }
        var body = new UserResource.CreateUser(typed.email(), typed.name(), parsedRole, org,
                password == null || password.isEmpty() ? null : password);
        FieldMessages.into(validator, body, errors);
        int status = 400;
        if (errors.isEmpty()) {
            try {
                User saved = (User) userApi.create(body).getEntity();
                return Pages.seeOther("/admin/users?created=" + saved.id());
            } catch (ApiException e) {
                status = e.status();
                FieldMessages.fromApi(e, errors);
            }
        }
        return usersView(status, null, null, typed, errors, null);
    }

    private Response usersView(int status, String q, Long page, UserForm form, Map<String, String> errors, String created) {
        PageRequest.Params params = pageParams(page);
        String query = q == null || q.isBlank() ? null : q.trim();
        if (query != null && query.length() > 200) {
            query = query.substring(0, 200);
        }
        Page<User> users = userApi.list(null, null, query, params);
        Map<Long, String> organizations = choices.organizations();
        String createdEmail = created == null || !created.matches("[1-9][0-9]{0,17}") ? null : emailOf(Long.parseLong(created));
        return pages.page(status, usersPage.data("users", users.items().stream()
                        .map(u -> new UserRow(u, u.organizationId() == null ? "" : organizations.getOrDefault(u.organizationId(), "#" + u.organizationId())))
                        .toList())
                .data("paging", Paging.of(users, "/admin/users", query)).data("q", query == null ? "" : query)
                .data("created", createdEmail).data("form", form).data("errors", errors)
                .data("roles", Arrays.stream(Role.values()).map(r -> new Choice(r.toString(), r.toString(), r.toString().equals(form.role()))).toList())
                .data("organizationChoices", AdminChoices.choices(organizations, List.of(form.organizationId()))));
    }

    private String emailOf(long userId) {
        try {
            return userApi.get(userId).getEntity().email();
        } catch (ApiException e) {
            return null; // a made-up ?created= link: no message
        }
    }

    /** A user with the name of their organization. */
    public record UserRow(User user, String organization) {}

    // ---- organizations

    @GET
    @Path("organizations")
    public Response organizations(@QueryParam("page") Long page, @QueryParam("created") String created) {
        Response refused = gate.refusal("/admin/organizations");
        return refused != null ? refused : organizationsView(200, page, "", "", Map.of(), organizationName(created));
    }

    @POST
    @Path("organizations")
    @Consumes(FORM)
    public Response createOrganization(@FormParam("name") String name, @FormParam("domain") String domain,
                                       @FormParam(FormToken.FIELD) String token) {
        Response refused = gate.formRefusal("/admin/organizations", token);
        if (refused != null) {
            return refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        var body = new OrganizationResource.CreateOrganization(orEmpty(name), domain == null || domain.isBlank() ? null : domain.trim());
        FieldMessages.into(validator, body, errors);
        int status = 400;
        if (errors.isEmpty()) {
            try {
                Organization made = (Organization) organizationApi.create(body).getEntity();
                return Pages.seeOther("/admin/organizations?created=" + made.id());
            } catch (ApiException e) {
                status = e.status();
                FieldMessages.fromApi(e, errors);
            }
        }
        return organizationsView(status, null, orEmpty(name), orEmpty(domain), errors, null);
    }

    /** The name the "created" notice shows: the list is oldest first, so the new one may be pages away. */
    private String organizationName(String created) {
        if (created == null || !created.matches("[1-9][0-9]{0,17}")) {
            return null;
        }
        try {
            return organizationApi.get(Long.parseLong(created)).getEntity().name();
        } catch (ApiException e) {
            return null; // a made-up ?created= link: no message
        }
    }

    private Response organizationsView(int status, Long page, String name, String domain, Map<String, String> errors, String created) {
        Page<Organization> organizations = organizationApi.list(pageParams(page));
        return pages.page(status, organizationsPage.data("organizations", organizations.items())
                .data("paging", Paging.of(organizations, "/admin/organizations", null)).data("created", created)
                .data("name", name).data("domain", domain).data("errors", errors));
    }

    // ---- groups

    @GET
    @Path("groups")
    public Response groups(@QueryParam("created") String created) {
        Response refused = gate.refusal("/admin/groups");
        return refused != null ? refused : groupsView(200, "", Map.of(), created != null);
    }

    @POST
    @Path("groups")
    @Consumes(FORM)
    public Response createGroup(@FormParam("name") String name, @FormParam(FormToken.FIELD) String token) {
        Response refused = gate.formRefusal("/admin/groups", token);
        if (refused != null) {
            return refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        var body = new GroupResource.CreateGroup(orEmpty(name));
        FieldMessages.into(validator, body, errors);
        int status = 400;
        if (errors.isEmpty()) {
            try {
                groupApi.create(body);
                return Pages.seeOther("/admin/groups?created=1");
            } catch (ApiException e) {
                status = e.status();
                FieldMessages.fromApi(e, errors);
            }
        }
        return groupsView(status, orEmpty(name), errors, false);
    }

    private Response groupsView(int status, String name, Map<String, String> errors, boolean created) {
        List<Group> groups = groupApi.list();
        return pages.page(status, groupsPage.data("groups", groups).data("created", created).data("name", name).data("errors", errors));
    }

    // ---- shared

    private static PageRequest.Params pageParams(Long page) {
        PageRequest.Params params = new PageRequest.Params();
        params.page = page == null || page < 1 ? 1L : Math.min(page, PageRequest.MAX_PAGE);
        params.size = (long) PageRequest.DEFAULT_SIZE;
        return params;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Previous/next links of a paged list. */
    public record Paging(long total, int page, String previous, String next) {
        static Paging of(Page<?> p, String path, String q) {
            String query = q == null ? "" : "q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8) + "&";
            long pages = Math.max(1, (p.total() + p.size() - 1) / p.size());
            return new Paging(p.total(), p.page(), p.page() > 1 ? path + "?" + query + "page=" + (p.page() - 1) : null,
                    p.page() < pages ? path + "?" + query + "page=" + (p.page() + 1) : null);
        }
    }
}
