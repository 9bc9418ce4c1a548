package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.storage.AttachmentResource;
import dev.helpdesk.app.storage.AttachmentService;
import dev.helpdesk.app.web.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Downloads for the pages: the signed-in browser gets the same files, under the same rules, as the API. */
@Path("/attachments")
public class AttachmentPages {
    @Inject CurrentActor current;
    @Inject AttachmentService attachments;
    @Inject Pages pages;

    @GET
    @Path("{id: [1-9][0-9]{0,17}}")
    public Response download(@PathParam("id") long id) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=/attachments/" + id);
        }
        try {
            return AttachmentResource.asDownload(attachments.download(me, id));
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return pages.message(404, "Not found", "There is no such file, or it is not yours to see.");
        }
    }
}
