package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.auth.CurrentWebSession;
import dev.helpdesk.app.web.ApiException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * Who may use the admin pages: the API's own rule ({@link Actor#requireAdmin()}), so pages and API
 * never disagree. Signed out goes to sign-in; signed in but not an admin gets a 403 page.
 */
@RequestScoped
class AdminGate {
    @Inject CurrentActor current;
    @Inject CurrentWebSession web;
    @Inject Pages pages;
    @Inject @Location("ui/error.html") Template error;

    /** Null when the caller is an admin; otherwise the answer to send instead of the page at {@code path}. */
    Response refusal(String path) {
        Actor me = current.orNull();
        if (me == null) {
            return Pages.seeOther("/login?next=" + path);
        }
        try {
            me.requireAdmin();
            return null;
        } catch (ApiException e) {
            return pages.page(403, error.data("title", "Admins only")
                    .data("message", "This page is for the desk's admins. Ask one of them if something here needs changing."));
        }
    }

    /** As {@link #refusal(String)}, for a form sent to {@code path}: also refused without this session's form token. */
    Response formRefusal(String path, String token) {
        Response refused = refusal(path);
        if (refused != null) {
            return refused;
        }
        return FormToken.matches(web.csrfToken(), token) ? null : pages.expiredForm();
    }

    Actor admin() {
        return current.require().requireAdmin();
    }
}
