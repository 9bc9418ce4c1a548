package dev.helpdesk.app.ticket;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.audit.AuditEvent;
import dev.helpdesk.app.audit.AuditQueries;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.storage.Attachment;
import dev.helpdesk.app.storage.AttachmentService;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.ETags;
import org.jboss.resteasy.reactive.RestResponse;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

@Tag(name = "Tickets")
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
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

    @Operation(operationId = "createTicket", summary = "Open a ticket")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Ticket.class)))
    @Extension(name = "x-errors", value = "403 A customer set a field only agents may set | 429 Too many requests, or a customer opening tickets in quick succession (spam-guard)")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid TicketService.CreateTicket body) {
        Ticket t = tickets.create(current.require(), body);
        return links.created("/api/v1/tickets/" + t.id()).tag(ETags.of(t.version())).entity(t).build();
    }

    @Operation(operationId = "listTickets", summary = "List and search tickets")
    @Extension(name = "x-errors", value = "403 A customer filtered by SLA state (sla)")
    @GET
    public Page<Ticket> list(@Valid @BeanParam TicketListParams params) {
        Actor actor = current.require();
        return tickets.list(actor, TicketFilter.of(params, actor.id()));
    }

    @Operation(operationId = "getTicket", summary = "One ticket")
    @GET
    @Path("/{id}")
    public RestResponse<Ticket> get(@PathParam("id") long id) {
        Ticket t = tickets.get(current.require(), id);
        return ETags.ok(t, t.version());
    }

    @Operation(operationId = "updateTicket", summary = "Change a ticket, as a JSON merge patch")
    @Extension(name = "x-errors", value = "403 A customer changed something other than status solved | 409 The ticket is closed (ticket-closed) or the status may not change that way (invalid-transition)")
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public RestResponse<Ticket> update(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                       @NotNull(message = "must be a JSON object") @Valid TicketService.TicketPatch body) {
        Ticket t = tickets.update(current.require(), id, body, ifMatch);
        return ETags.ok(t, t.version());
    }

    @Operation(operationId = "addComment", summary = "Reply, or write an internal note (agents)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Comment.class)))
    @Extension(name = "x-errors", value = "403 Customers cannot write internal notes | 409 The ticket is closed (ticket-closed)")
    @POST
    @Path("/{id}/comments")
    public Response comment(@PathParam("id") long id, @NotNull(message = "must be a JSON object") @Valid CommentService.AddComment body) {
        Comment c = comments.add(current.require(), id, body);
        return links.created("/api/v1/tickets/" + id + "/comments/" + c.id()).entity(c).build();
    }

    @Operation(operationId = "listComments", summary = "The conversation (customers: public replies only)")
    @GET
    @Path("/{id}/comments")
    public List<Comment> comments(@PathParam("id") long id) {
        return comments.list(current.require(), id);
    }

    /** One comment (the Location of a new one); internal notes only for agents. */
    @Operation(operationId = "getComment", summary = "One comment")
    @GET
    @Path("/{id}/comments/{commentId}")
    public Comment comment(@PathParam("id") long id, @PathParam("commentId") long commentId) {
        return comments.get(current.require(), id, commentId);
    }

    /**
     * Raw file body; name from {@code ?filename=}. The type is sniffed from the bytes. A declared
     * Content-Length over the limit is refused before the body is read (the HTTP layer itself
     * answers a malformed Content-Length with a bare 400).
     */
    @Operation(operationId = "uploadAttachment", summary = "Attach a file (the raw bytes as the body) to a comment")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Attachment.class)))
    @Extension(name = "x-errors", value = "403 Customers attach only to their own comments | 409 The ticket is closed (ticket-closed) | 413 Larger than ATTACH_MAX_BYTES (attachment-too-large) | 415 The content of the file is not an allowed type (unsupported-attachment-type)")
    @POST
    @Path("/{id}/comments/{commentId}/attachments")
    @Consumes(MediaType.WILDCARD)
    public Response attach(@PathParam("id") long id, @PathParam("commentId") long commentId,
                           @QueryParam("filename") String filename, @Context HttpHeaders headers, InputStream body) {
        Actor actor = current.require();
        Attachment a = attachments.upload(actor, id, commentId, filename, headers.getLength(), body);
        return links.created(a.downloadUrl()).entity(a).build();
    }

    @Operation(operationId = "uploadTicketAttachment", summary = "Attach a file (the raw bytes as the body) to the ticket's description")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Attachment.class)))
    @Extension(name = "x-errors", value = "403 Customers attach only to tickets they opened | 409 The ticket is closed (ticket-closed) | 413 Larger than ATTACH_MAX_BYTES (attachment-too-large) | 415 The content of the file is not an allowed type (unsupported-attachment-type)")
    @POST
    @Path("/{id}/attachments")
    @Consumes(MediaType.WILDCARD)
    public Response attachToTicket(@PathParam("id") long id, @QueryParam("filename") String filename, @Context HttpHeaders headers,
                                   InputStream body) {
        Attachment a = attachments.upload(current.require(), id, null, filename, headers.getLength(), body);
        return links.created(a.downloadUrl()).entity(a).build();
    }

    @Operation(operationId = "listTicketAttachments", summary = "Every file of the ticket you may see (customers: not those of internal notes)")
    @GET
    @Path("/{id}/attachments")
    public List<Attachment> attachments(@PathParam("id") long id) {
        return attachments.list(current.require(), id);
    }

    @Operation(operationId = "ticketAudit", summary = "The history of the ticket (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    @Path("/{id}/audit")
    public Page<AuditEvent> audit(@PathParam("id") long id, @Valid @BeanParam PageRequest.Params page) {
        Actor actor = current.require();
        tickets.get(actor, id);
        actor.requireStaff();
        return audit.forTicket(id, page.toRequest());
    }
}
