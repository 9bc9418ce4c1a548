package dev.helpdesk.app.auth;

import dev.helpdesk.app.db.Db;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The user behind each live login session, remembered for {@link #KEPT} so most requests need no
 * query to know who sent them. Ending a session still ends it at once: on this replica the code
 * that ends it (or changes its user) forgets the user first and keeps them out of memory while
 * its transaction commits; every replica drops them when PostgreSQL delivers the notification its
 * triggers send on commit (migration V15), however the change was made. Without a listening
 * connection to PostgreSQL nothing is remembered.
 */
@ApplicationScoped
public class SessionActors {
    private static final Logger LOG = Logger.getLogger(SessionActors.class);
    static final String CHANNEL = "helpdesk_sessions";
    /** How long a checked session is trusted without asking again (a notification ends it sooner). */
    static final Duration KEPT = Duration.ofSeconds(30);
    /** How long a user changed on this replica stays out of memory: their transaction commits well within it. */
    static final Duration FENCED = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private final Db db;
    private final Map<Long, Entry> bySession = new ConcurrentHashMap<>();
    private final Map<Long, Long> fencedUntil = new ConcurrentHashMap<>();
    /** Moves on every forgetting: a query that started before one must not store what it read. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private Thread listener;

    private record Entry(Actor actor, long keptUntilNanos, Instant sessionEnds) {}

    public SessionActors(Db db) {
        this.db = db;
    }

    /** A ticket to {@link #remember}: taken before the query whose answer is to be remembered. */
    public long before() {
        startListening();
        return changes.get();
    }

    /** The actor of a session checked within {@link #KEPT}, if nothing since says otherwise. */
    public Actor recall(long sessionId, long userId) {
        Entry e = bySession.get(sessionId);
        if (e == null || !listening) {
            return null;
        }
        if (e.actor().id() != userId || System.nanoTime() - e.keptUntilNanos() > 0 || !Instant.now().isBefore(e.sessionEnds())
                || fenced(userId)) {
            bySession.remove(sessionId, e);
            return null;
        }
        return e.actor();
    }

    /** Remembers a session just checked, unless anything was forgotten since {@code ticket} was taken. */
    public void remember(long ticket, long sessionId, Actor actor, Instant sessionEnds) {
        if (!listening || fenced(actor.id())) {
            return;
        }
        if (bySession.size() >= MAX_ENTRIES) {
            bySession.clear(); // a burst of sessions: starting over costs one query each
        }
        bySession.put(sessionId, new Entry(actor, System.nanoTime() + KEPT.toNanos(), sessionEnds));
        if (changes.get() != ticket) {
            bySession.remove(sessionId); // something was forgotten while the query ran: what it read may be stale
        }
    }

    /** This replica is changing the user's sessions or identity: forget them and keep them out until the change has surely committed. */
    public void fence(long userId) {
        fencedUntil.put(userId, System.nanoTime() + FENCED.toNanos());
        forgetUser(userId);
    }

    private boolean fenced(long userId) {
        Long until = fencedUntil.get(userId);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            fencedUntil.remove(userId, until);
            return false;
        }
        return true;
    }

    private void forgetUser(long userId) {
        changes.incrementAndGet();
        bySession.values().removeIf(e -> e.actor().id() == userId);
    }

    private void forgetAll() {
        changes.incrementAndGet();
        bySession.clear();
    }

    private synchronized void startListening() {
        if (listener != null || stopped) {
            return;
        }
        listener = new Thread(this::listen, "session-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    /** Holds one connection LISTENing for the triggers' notifications; while it is down nothing is remembered. */
    private void listen() {
        while (!stopped) {
            try (Connection c = db.dataSource().getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                forgetAll();
                listening = true;
                while (!stopped) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification n : received) {
                            forgetUser(Long.parseLong(n.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    LOG.debugf("session notifications interrupted (%s); sessions are checked in the database until they resume", e.getMessage());
                }
            } finally {
                listening = false;
                forgetAll();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        listening = false;
        if (listener != null) {
            listener.interrupt();
        }
    }
}
