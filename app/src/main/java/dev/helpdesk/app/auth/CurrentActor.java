package dev.helpdesk.app.auth;

import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentActor {
    private Actor actor;

    void set(Actor actor) {
        this.actor = actor;
    }

    /** The caller, or 401 when the request carries no valid token. */
    public Actor require() {
        if (actor == null) {
            throw ApiException.unauthorized("send 'Authorization: Bearer <token>'; get a token from POST /api/v1/auth/login");
        }
        return actor;
    }

    public Actor orNull() {
        return actor;
    }
}
