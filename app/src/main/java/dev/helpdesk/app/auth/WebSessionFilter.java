package dev.helpdesk.app.auth;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the session cookie of the web pages into the same {@link CurrentActor} the API uses,
 * so pages and API share one authorization layer. Never for /api: a cookie there would let any
 * site's form act as the user (CSRF); the API takes bearer tokens only.
 */
public class WebSessionFilter {
    private final WebSessions webSessions;
    private final CurrentActor current;
    private final CurrentWebSession web;

    public WebSessionFilter(WebSessions webSessions, CurrentActor current, CurrentWebSession web) {
        this.webSessions = webSessions;
        this.current = current;
        this.web = web;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public void fromCookie(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getRequestUri().getPath();
        if (ctx.getHeaderString(HttpHeaders.AUTHORIZATION) != null || path.startsWith("/api/") || path.startsWith("/q/")) {
            return;
        }
        Cookie cookie = ctx.getCookies().get(WebSessions.COOKIE);
        if (cookie != null) {
            webSessions.resolve(cookie.getValue()).ifPresent(s -> {
                current.set(s.actor(), s.sessionId());
                web.set(s.csrfToken());
            });
        }
    }
}
