package dev.helpdesk.app.auth;

import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentActor {
    private Actor actor;
    private Long sessionId;

    void set(Actor actor, Long sessionId) {
        this.actor = actor;
        this.sessionId = sessionId;
    }

    /** The login session of the request's access token; null for API tokens. */
    public Long sessionId() {
        return sessionId;
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
