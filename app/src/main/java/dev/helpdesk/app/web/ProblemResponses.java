package dev.helpdesk.app.web;

import jakarta.ws.rs.core.Response;

/** Builds the HTTP response for an {@link ApiException}, headers included. */
public final class ProblemResponses {
    private ProblemResponses() {}

    public static Response of(ApiException e) {
        Response.ResponseBuilder rb = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(e.toProblem());
        e.headers().forEach(rb::header);
        return rb.build();
    }
}
