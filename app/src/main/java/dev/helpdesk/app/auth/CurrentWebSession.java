package dev.helpdesk.app.auth;

import jakarta.enterprise.context.RequestScoped;

/** The browser session of the current request, if it came with a valid session cookie. */
@RequestScoped
public class CurrentWebSession {
    private String csrfToken;

    void set(String csrfToken) {
        this.csrfToken = csrfToken;
    }

    public boolean signedIn() {
        return csrfToken != null;
    }

    /** The token every form of this session carries; null when signed out. */
    public String csrfToken() {
        return csrfToken;
    }
}
