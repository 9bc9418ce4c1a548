package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.auth.CurrentWebSession;
import dev.helpdesk.app.auth.PasswordLogin;
import dev.helpdesk.app.auth.TokenService;
import dev.helpdesk.app.auth.WebSessions;
import dev.helpdesk.app.audit.AuditQueries;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.storage.Attachment;
import dev.helpdesk.app.storage.AttachmentService;
import dev.helpdesk.app.ticket.CommentService;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.Ticket;
import dev.helpdesk.app.ticket.TicketFilter;
import dev.helpdesk.app.ticket.TicketListParams;
import dev.helpdesk.app.ticket.TicketService;
import dev.helpdesk.app.web.ApiException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The web pages: sign in and out, the ticket list, opening a ticket, a ticket's conversation.
 * Every page acts through the same services (and so the same permissions) as the API; every
 * form carries the session's CSRF token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UiResource {
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    @Inject @Location("ui/login.html") Template login;
    @Inject @Location("ui/tickets.html") Template ticketList;
    @Inject @Location("ui/ticket-new.html") Template ticketNew;
    @Inject @Location("ui/ticket.html") Template ticketPage;

    @Inject Pages pages;
    @Inject CurrentActor current;
    @Inject CurrentWebSession web;
    @Inject PasswordLogin passwordLogin;
    @Inject WebSessions webSessions;
    @Inject TicketService tickets;
    @Inject CommentService comments;
    @Inject Validator validator;
    @Inject FormFiles formFiles;
    @Inject dev.helpdesk.app.auth.AccountService accounts;
    @Inject Db db;
    @Inject AuditQueries auditQueries;
    @Inject AttachmentService attachments;

    @GET
    public Response home() {
        return Pages.seeOther(current.orNull() == null ? "/login" : "/tickets");
    }

    // ---- signing in and out

    @GET
    @Path("login")
    public Response loginPage(@QueryParam("next") String next, @CookieParam(FormToken.LOGIN_COOKIE) String loginToken,
                              @Context HttpServerRequest request) {
        if (current.orNull() != null) {
            return Pages.seeOther(localPath(next));
        }
        return loginForm(200, loginToken, request, "", localPath(next), null);
    }

    @POST
    @Path("login")
    @Consumes(FORM)
    public Response login(@FormParam("email") String email, @FormParam("password") String password, @FormParam("next") String next,
                          @FormParam(FormToken.FIELD) String token, @CookieParam(FormToken.LOGIN_COOKIE) String loginToken,
                          @Context HttpServerRequest request) {
        if (!FormToken.matches(loginToken, token)) {
            return pages.expiredForm();
        }
        String target = localPath(next);
        Map<String, String> errors = new LinkedHashMap<>();
        if (email == null || email.isBlank()) {
            errors.put("email", "Enter your email address.");
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", "Enter your password.");
        }
        if (!errors.isEmpty()) {
            return loginForm(400, loginToken, request, email, target, errors);
        }
        User user;
        try {
            user = passwordLogin.verify(email, password, request);
        } catch (ApiException e) {
            String message = e.status() == 401 ? "Wrong email or password, or the account is deactivated." : e.getMessage();
            return loginForm(e.status(), loginToken, request, email, target, Map.of("form", message));
        }
        WebSessions.Started session = webSessions.start(user.id());
        return Pages.seeOther(target, pages.cookie(request, WebSessions.COOKIE, session.cookieToken(), NewCookie.SameSite.LAX, -1));
    }

    private Response loginForm(int status, String loginToken, HttpServerRequest request, String email, String next,
                               Map<String, String> errors) {
        String token = loginToken != null && loginToken.length() == 43 ? loginToken : TokenService.newCsrfToken();
        return pages.page(status, login.data("loginCsrf", token).data("email", email == null ? "" : email).data("next", next)
                .data("errors", errors == null ? Map.of() : errors).data("selfRegistration", accounts.selfRegistration()), pages.cookie(request, FormToken.LOGIN_COOKIE, token,
                NewCookie.SameSite.STRICT, 3600));
    }

    @POST
    @Path("logout")
    @Consumes(FORM)
    public Response logout(@FormParam(FormToken.FIELD) String token, @Context HttpServerRequest request) {
        if (current.orNull() == null) {
            return Pages.seeOther("/login");
        }
        if (!FormToken.matches(web.csrfToken(), token)) {
            return pages.expiredForm();
        }
        webSessions.end(current.sessionId());
        return Pages.seeOther("/login", pages.cookie(request, WebSessions.COOKIE, "", NewCookie.SameSite.LAX, 0));
    }

    // ---- tickets

    @GET
    @Path("tickets")
    public Response tickets(@QueryParam("q") String q, @QueryParam("view") String view) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets");
        }
        return listPage(me, 200, q, view, null);
    }

    /** The agents' bulk form: the selected tickets of a view assigned and/or moved at once, each through the API's rules. */
    @POST
    @Path("tickets/bulk")
    @Consumes(FORM)
    public Response bulk(@FormParam("ids") List<String> ids, @FormParam("assignee") String assignee, @FormParam("status") String status,
                         @FormParam("q") String q, @FormParam("view") String view, @FormParam(FormToken.FIELD) String token) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets");
        }
        if (!FormToken.matches(web.csrfToken(), token)) {
            return pages.expiredForm();
        }
        if (!me.isStaff()) {
            return pages.message(403, "Agents only", "Only agents and admins change several tickets at once.");
        }
        BulkChange.Result result = BulkChange.apply(tickets, me, ids, status, assignee);
        return listPage(me, result.problem() != null ? 400 : result.failed().isEmpty() ? 200 : 409, q, view, result);
    }

    private Response listPage(Actor me, int status, String q, String view, BulkChange.Result bulk) {
        TicketListParams params = new TicketListParams();
        params.q = q == null || q.isBlank() ? null : q.trim();
        QueueView queue = me.isStaff() ? QueueView.parse(view) : QueueView.ALL;
        queue.apply(params);
        List<Ticket> items = tickets.list(me, TicketFilter.of(params, me.id())).items();
        return pages.page(status, ticketList.data("tickets", items).data("q", params.q == null ? "" : params.q).data("view", queue)
                .data("views", me.isStaff() ? List.of(QueueView.values()) : List.of()).data("bulk", bulk)
                .data("assignees", me.isStaff() ? db.read(UserRepository::assignable) : List.of())
                .data("statuses", java.util.Arrays.stream(dev.helpdesk.app.ticket.TicketStatus.values()).map(Object::toString).toList()));
    }

    @GET
    @Path("tickets/new")
    public Response newTicketPage() {
        if (current.orNull() == null) {
            return Pages.seeOther("/login?next=/tickets/new");
        }
        return pages.ok(ticketForm("", "", "normal", Map.of()));
    }

    @POST
    @Path("tickets/new")
    @Consumes({FORM, MediaType.MULTIPART_FORM_DATA})
    public Response createTicket(@RestForm String subject, @RestForm String description, @RestForm String priority,
                                 @RestForm(FormToken.FIELD) String token, @RestForm(FormFiles.FIELD) List<FileUpload> files) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets/new");
        }
        if (!FormToken.matches(web.csrfToken(), token)) {
            return pages.expiredForm();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Priority parsed = Priority.NORMAL;
        try {
            parsed = priority == null || priority.isBlank() ? Priority.NORMAL : Priority.parse(priority);
        } catch (IllegalArgumentException e) {
            errors.put("priority", "Choose low, normal, high or urgent.");
        }
        var body = new TicketService.CreateTicket(subject, description, parsed, null, null, null, null);
        FieldMessages.into(validator, body, errors);
        List<FileUpload> chosen = FormFiles.chosen(files);
        formFiles.problem(chosen).ifPresent(p -> errors.put(FormFiles.FIELD, p));
        if (errors.isEmpty()) {
            try {
                long id = tickets.create(me, body).id();
                formFiles.attach(me, id, null, chosen);
                return Pages.seeOther("/tickets/" + id);
            } catch (ApiException e) {
                FieldMessages.fromApi(e, errors);
            }
        }
        return pages.page(400, ticketForm(subject, description, priority, errors));
    }

    private io.quarkus.qute.TemplateInstance ticketForm(String subject, String description, String priority, Map<String, String> errors) {
        return ticketNew.data("subject", subject == null ? "" : subject).data("description", description == null ? "" : description)
                .data("priority", priority).data("priorities", java.util.Arrays.stream(Priority.values()).map(Priority::toString).toList())
                .data("errors", errors);
    }

    @GET
    @Path("tickets/{id: [1-9][0-9]{0,17}}")
    public Response ticket(@PathParam("id") long id) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets/" + id);
        }
        return ticketView(me, id, 200, "", Map.of());
    }

    @POST
    @Path("tickets/{id: [1-9][0-9]{0,17}}/comments")
    @Consumes({FORM, MediaType.MULTIPART_FORM_DATA})
    public Response comment(@PathParam("id") long id, @RestForm String body, @RestForm String internal,
                            @RestForm(FormToken.FIELD) String token, @RestForm(FormFiles.FIELD) List<FileUpload> files) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets/" + id);
        }
        if (!FormToken.matches(web.csrfToken(), token)) {
            return pages.expiredForm();
        }
        var comment = new CommentService.AddComment(body, !(me.isStaff() && "on".equals(internal)));
        Map<String, String> errors = new LinkedHashMap<>();
        FieldMessages.into(validator, comment, errors);
        List<FileUpload> chosen = FormFiles.chosen(files);
        formFiles.problem(chosen).ifPresent(p -> errors.put(FormFiles.FIELD, p));
        if (errors.isEmpty()) {
            try {
                formFiles.attach(me, id, comments.add(me, id, comment).id(), chosen);
                return Pages.seeOther("/tickets/" + id);
            } catch (ApiException e) {
                if (e.status() == 404 || e.status() == 403) {
                    return notFound();
                }
                FieldMessages.fromApi(e, errors);
            }
        }
        return ticketView(me, id, 400, body == null ? "" : body, errors);
    }

    @POST
    @Path("tickets/{id: [1-9][0-9]{0,17}}/update")
    @Consumes(FORM)
    public Response update(@PathParam("id") long id, @FormParam("status") String status, @FormParam("priority") String priority,
                           @FormParam("assignee") String assignee, @FormParam("version") String version,
                           @FormParam(FormToken.FIELD) String token) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/tickets/" + id);
        }
        if (!FormToken.matches(web.csrfToken(), token)) {
            return pages.expiredForm();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        int answer;
        try {
            var patch = TicketChange.from(me, status, priority, assignee);
            tickets.update(me, id, patch, version == null || !version.matches("[0-9]{1,18}") ? null : "\"" + version + "\"");
            return Pages.seeOther("/tickets/" + id);
        } catch (IllegalArgumentException e) {
            answer = 400;
            errors.put("update", FieldMessages.sentence(e.getMessage()));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return notFound();
            }
            answer = e.status() == 412 ? 409 : e.status();
            errors.put("update", e.status() == 412 ? "Someone changed this ticket since you opened it. This is the ticket as it is now:"
                    + " make your change again." : FieldMessages.sentence(e.getMessage()));
        }
        return ticketView(me, id, answer, "", errors);
    }

    private Response ticketView(Actor me, long id, int status, String draft, Map<String, String> errors) {
        try {
            Ticket t = tickets.get(me, id);
            List<Attachment> ticketFiles = attachments.list(me, id).stream().filter(a -> a.commentId() == null).toList();
            return pages.page(status, ticketPage.data("ticket", t).data("comments", comments.list(me, id)).data("draft", draft)
                    .data("ticketFiles", ticketFiles)
                    .data("history", me.isStaff() ? auditQueries.forTicket(id, new PageRequest(1, 100)).items() : List.of()).data("assignees", me.isStaff() ? db.read(UserRepository::assignable) : List.of())
                    .data("errors", errors).data("statuses", TicketChange.statusChoices(t.status()))
                    .data("priorities", java.util.Arrays.stream(Priority.values()).map(Priority::toString).toList()));
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 403) {
                return notFound(); // another organization's ticket: as if it did not exist
            }
            throw e;
        }
    }

    private Response notFound() {
        return pages.message(404, "Not found", "There is no such ticket, or it is not yours to see.");
    }


    /** Only a path on this site: never another site to redirect to after signing in. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 500) {
            return "/tickets";
        }
        return next;
    }
}
