package dev.helpdesk.app.live;

import dev.helpdesk.app.redis.OutageWarning;
import dev.helpdesk.app.redis.Redis;
import dev.helpdesk.app.ticket.Ticket;
import dev.helpdesk.app.web.ApiException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * "A ticket changed", fanned out through Redis pub/sub so the open pages on every replica hear
 * of a change made through any of them. Best effort: a page that misses one (Redis down)
 * catches up at its next poll or reload; nothing is stored.
 */
@ApplicationScoped
public class TicketEvents {
    static final String CHANNEL = "helpdesk:ticket-changes";
    private static final Logger LOG = Logger.getLogger(TicketEvents.class);
    private static final int PUBLISH_CHUNK = 1000;
    private static final String PUBLISH_EACH = "for _, m in ipairs(ARGV) do redis.call('PUBLISH', KEYS[1], m) end return #ARGV";

    /** Enough to decide who may hear of it without reading the ticket again. */
    public record Change(long ticketId, long requesterId, Long organizationId) {
        String encode() {
            return ticketId + "," + requesterId + "," + (organizationId == null ? "" : organizationId);
        }

        static Change decode(String message) {
            String[] f = message.split(",", -1);
            return new Change(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].isEmpty() ? null : Long.parseLong(f[2]));
        }
    }

    private final Redis redis;
    private final Set<Consumer<Change>> listeners = ConcurrentHashMap.newKeySet();
    private final OutageWarning outage = new OutageWarning(LOG, "live updates paused, Redis unreachable");
    private StatefulRedisPubSubConnection<String, String> subscription;

    public TicketEvents(Redis redis) {
        this.redis = redis;
    }

    /** After a committed change to a ticket. */
    public void changed(Ticket t) {
        changed(new Change(t.id(), t.requesterId(), t.organizationId()));
    }

    /** After a committed change to a ticket (its SLA state, say) when the ticket itself was not read. */
    public void changed(Change change) {
        try {
            redis.sync().publish(CHANNEL, change.encode());
        } catch (RuntimeException e) {
            outage.warn(e);
        }
    }

    /**
     * After a committed change to many tickets (an SLA scan's): subscribers get the same message per
     * ticket as from {@link #changed(Change)}, published by one script per {@link #PUBLISH_CHUNK}
     * changes, so thousands cost a few round trips instead of one each.
     */
    public void changedAll(List<Change> changes) {
        try {
            for (int from = 0; from < changes.size(); from += PUBLISH_CHUNK) {
                String[] messages = changes.subList(from, Math.min(changes.size(), from + PUBLISH_CHUNK)).stream()
                        .map(Change::encode).toArray(String[]::new);
                redis.sync().eval(PUBLISH_EACH, ScriptOutputType.INTEGER, new String[] {CHANNEL}, messages);
            }
        } catch (RuntimeException e) {
            outage.warn(e);
        }
    }

    /** 503 while Redis cannot be subscribed to, so a page polls instead of waiting on a stream that hears nothing. */
    public void requireLive() {
        if (!subscribe()) {
            throw ApiException.unavailable("live updates are paused: Redis is unreachable; the page refreshes by polling");
        }
    }

    /** Hears every change from every replica until the returned action is run. */
    public Runnable listen(Consumer<Change> listener) {
        subscribe();
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private synchronized boolean subscribe() {
        if (subscription != null) {
            return subscription.isOpen();
        }
        StatefulRedisPubSubConnection<String, String> c = null;
        try {
            c = redis.connectPubSub();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Change change = Change.decode(message);
                    listeners.forEach(l -> l.accept(change));
                }
            });
            c.sync().subscribe(CHANNEL);
            subscription = c; // from here Lettuce reconnects and subscribes again by itself
            return true;
        } catch (RuntimeException e) {
            if (c != null) {
                c.closeAsync();
            }
            outage.warn(e); // the next page to connect tries again
            return false;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the pub/sub connection", e);
            }
        }
    }
}
