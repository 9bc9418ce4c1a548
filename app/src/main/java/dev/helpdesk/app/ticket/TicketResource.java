package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.audit.AuditEvent;
import dev.helpdesk.app.audit.AuditQueries;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.storage.Attachment;
import dev.helpdesk.app.storage.AttachmentService;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Params;
import dev.helpdesk.app.web.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {
    private final TicketService tickets;
    private final CommentService comments;
    private final AttachmentService attachments;
    private final AuditQueries audit;
    private final CurrentActor current;

    public TicketResource(TicketService tickets, CommentService comments, AttachmentService attachments,
                          AuditQueries audit, CurrentActor current) {
        this.tickets = tickets;
        this.comments = comments;
        this.attachments = attachments;
        this.audit = audit;
        this.current = current;
    }

    @POST
    public Response create(TicketService.CreateTicket body) {
        Ticket t = tickets.create(current.require(), body);
        return Response.created(URI.create("/api/v1/tickets/" + t.id())).entity(t).build();
    }

    @GET
    @SuppressWarnings("java:S107")
    public Page<Ticket> list(@QueryParam("status") String status, @QueryParam("priority") String priority,
                             @QueryParam("assignee") String assignee, @QueryParam("requester") String requester,
                             @QueryParam("organization") String organization, @QueryParam("group") String group,
                             @QueryParam("tag") List<String> tag, @QueryParam("createdFrom") String createdFrom,
                             @QueryParam("createdTo") String createdTo, @QueryParam("updatedFrom") String updatedFrom,
                             @QueryParam("updatedTo") String updatedTo, @QueryParam("q") String q,
                             @QueryParam("sort") String sort, @QueryParam("page") String page,
                             @QueryParam("size") String size) {
        Actor actor = current.require();
        return tickets.list(actor, TicketFilter.parse(status, priority, assignee, requester, organization, group, tag,
                createdFrom, createdTo, updatedFrom, updatedTo, q, sort, page, size, actor.id()));
    }

    @GET
    @Path("/{id}")
    public Ticket get(@PathParam("id") String id) {
        return tickets.get(current.require(), Params.pathId(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Ticket update(@PathParam("id") String id, JsonNode body) {
        return tickets.update(current.require(), Params.pathId(id), body);
    }

    @POST
    @Path("/{id}/comments")
    public Response comment(@PathParam("id") String id, CommentService.AddComment body) {
        long ticketId = Params.pathId(id);
        Comment c = comments.add(current.require(), ticketId, body);
        return Response.created(URI.create("/api/v1/tickets/" + ticketId + "/comments/" + c.id())).entity(c).build();
    }

    @GET
    @Path("/{id}/comments")
    public List<Comment> comments(@PathParam("id") String id) {
        return comments.list(current.require(), Params.pathId(id));
    }

    /** Raw file body; name from {@code ?filename=}. The type is sniffed from the bytes. */
    @POST
    @Path("/{id}/comments/{commentId}/attachments")
    @Consumes(MediaType.WILDCARD)
    public Response attach(@PathParam("id") String id, @PathParam("commentId") String commentId,
                           @QueryParam("filename") String filename, @HeaderParam("Content-Length") String length,
                           InputStream body) {
        Actor actor = current.require();
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("Content-Length", "must be a number");
            }
        }
        Attachment a = attachments.upload(actor, Params.pathId(id), Params.pathId(commentId), filename, declared, body);
        return Response.created(URI.create(a.downloadUrl())).entity(a).build();
    }

    @GET
    @Path("/{id}/audit")
    public Page<AuditEvent> audit(@PathParam("id") String id, @QueryParam("page") String page, @QueryParam("size") String size) {
        Actor actor = current.require();
        long ticketId = Params.pathId(id);
        tickets.get(actor, ticketId);
        actor.requireStaff();
        Validator v = new Validator();
        PageRequest pr = PageRequest.parse(v, page, size);
        v.throwIfInvalid();
        return audit.forTicket(ticketId, pr);
    }
}
