package dev.helpdesk.app.storage;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.auth.CurrentActor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Tag(name = "Tickets")
@Path("/api/v1/attachments")
public class AttachmentResource {
    private final AttachmentService attachments;
    private final CurrentActor current;

    public AttachmentResource(AttachmentService attachments, CurrentActor current) {
        this.attachments = attachments;
        this.current = current;
    }

    @Operation(operationId = "downloadAttachment", summary = "Download an attachment")
    @APIResponse(responseCode = "200", description = "The file, as a download", content = @Content(mediaType = "*/*", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @GET
    @Path("/{id}")
    public Response download(@PathParam("id") long id) {
        return asDownload(attachments.download(current.require(), id));
    }

    /** A file as a download that a browser never renders in this site's origin (the API's and the pages'). */
    public static Response asDownload(AttachmentService.Download d) {
        Attachment a = d.attachment();
        String encoded = URLEncoder.encode(a.filename(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(d.content(), a.contentType())
                .header("Content-Length", a.sizeBytes())
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }
}
