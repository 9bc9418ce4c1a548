package dev.helpdesk.app.storage;

import dev.helpdesk.app.auth.CurrentActor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Path("/api/v1/attachments")
public class AttachmentResource {
    private final AttachmentService attachments;
    private final CurrentActor current;

    public AttachmentResource(AttachmentService attachments, CurrentActor current) {
        this.attachments = attachments;
        this.current = current;
    }

    @GET
    @Path("/{id}")
    public Response download(@PathParam("id") long id) {
        AttachmentService.Download d = attachments.download(current.require(), id);
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
