package dev.helpdesk.app.ui;

import dev.helpdesk.app.config.AppConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin area's front page, and the settings the desk runs with (secrets masked). */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {
    @Inject @Location("ui/admin.html") Template hub;
    @Inject @Location("ui/admin-settings.html") Template settings;
    @Inject AdminGate gate;
    @Inject Pages pages;
    @Inject AppConfig config;

    @GET
    public Response hub() {
        Response refused = gate.refusal("/admin");
        return refused != null ? refused : pages.ok(hub.instance());
    }

    @GET
    @Path("settings")
    public Response settings() {
        Response refused = gate.refusal("/admin/settings");
        return refused != null ? refused : pages.ok(settings.data("sections", EffectiveSettings.sections(config)));
    }
}
