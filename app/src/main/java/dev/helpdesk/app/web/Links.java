package dev.helpdesk.app.web;

import dev.helpdesk.app.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Links the desk hands out (Location headers, links in emails) are built from HELPDESK_PUBLIC_URL,
 * never from the request's Host header, which any client can set. Without a public URL a
 * Location is a path relative to the server (RFC 9110 allows it).
 */
@ApplicationScoped
public class Links {
    private final Optional<URI> publicUrl;

    public Links(AppConfig config) {
        this.publicUrl = config.http().publicUrl();
    }

    /** {@code path} (starting with '/') as clients should use it. */
    public String to(String path) {
        return publicUrl.map(base -> base.toString() + path).orElse(path);
    }

    /** 201 Created with a Location header for {@code path}. */
    public Response.ResponseBuilder created(String path) {
        return Response.status(Response.Status.CREATED).header("Location", to(path));
    }
}
