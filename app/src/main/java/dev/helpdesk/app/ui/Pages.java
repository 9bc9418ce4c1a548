package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.auth.CurrentWebSession;
import dev.helpdesk.app.web.ClientAddress;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Renders a page with what every page shows (who is signed in, the form token) and the headers every page sends. */
@RequestScoped
public class Pages {
    private final CurrentActor current;
    private final CurrentWebSession web;
    private final ClientAddress clientAddress;
    private final Template error;

    public Pages(CurrentActor current, CurrentWebSession web, ClientAddress clientAddress, @Location("ui/error.html") Template error) {
        this.error = error;
        this.current = current;
        this.web = web;
        this.clientAddress = clientAddress;
    }

    Response page(int status, TemplateInstance page, NewCookie... cookies) {
        String html = page.data("me", current.orNull()).data("csrf", web.csrfToken()).render();
        return Response.status(status).entity(html).type("text/html; charset=UTF-8").cookie(cookies)
                // no framing (clickjacking), no inline scripts from anywhere else, no referrer leaking ticket URLs
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** A page that only says something: an error, a refusal, what happens next. */
    Response message(int status, String title, String message) {
        return page(status, error.data("title", title).data("message", message));
    }

    /** A form whose token is not the one its page carried (forged, or from a page of an ended session). */
    Response expiredForm() {
        return message(403, "The form has expired", "Go back, reload the page and send the form again.");
    }

    Response ok(TemplateInstance page, NewCookie... cookies) {
        return page(200, page, cookies);
    }

    static Response seeOther(String path, NewCookie... cookies) {
        return Response.seeOther(URI.create(path)).cookie(cookies).build();
    }

    /** A cookie only this site's pages send back: HttpOnly, SameSite, Secure when the browser came over TLS. */
    NewCookie cookie(HttpServerRequest request, String name, String value, NewCookie.SameSite sameSite, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).sameSite(sameSite)
                .secure(clientAddress.isSecure(request)).maxAge(maxAge).build();
    }
}
