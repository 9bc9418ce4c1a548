package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.live.TicketEvents;
import dev.helpdesk.app.ticket.TicketService;
import dev.helpdesk.app.web.ApiException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-sent events for the open pages of a signed-in browser: the id of each ticket that
 * changed, only if this user may see it (the same rule as the API). One stream per tab; the
 * page reloads its list when one arrives and falls back to polling without it.
 */
@Path("/events")
public class LiveResource {
    private final CurrentActor current;
    private final TicketEvents events;

    public LiveResource(CurrentActor current, TicketEvents events) {
        this.current = current;
        this.events = events;
    }

    @GET
    @Blocking // the session cookie is checked against the database first
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> ticketChanges() {
        Actor me = current.orNull();
        if (me == null) {
            throw ApiException.unauthorized("sign in first");
        }
        events.requireLive();
        return Multi.createFrom().emitter(emitter -> {
            Runnable stop = events.listen(change -> {
                if (TicketService.canSee(me, change.requesterId(), change.organizationId())) {
                    emitter.emit(Long.toString(change.ticketId()));
                }
            });
            emitter.onTermination(stop);
        });
    }
}
