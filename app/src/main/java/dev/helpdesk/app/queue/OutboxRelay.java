package dev.helpdesk.app.queue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.redis.OutageWarning;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Moves outbox rows to the job queue every second. Rows are deleted in the same transaction
 * that published them; if Redis is down the transaction rolls back and they wait. A crash between
 * publishing and committing republishes them with the same job id, which handlers recognise.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RELAY_LOCK = 0x68656c7064657331L; // "helpdes1": the relay's advisory lock
    private final Db db;
    private final JobQueue queue;
    // no warning in the first 30 s: during start-up the relay may tick before migrations ran
    private final OutageWarning outage = new OutageWarning(LOG, "outbox relay paused, jobs wait in the database",
            System.currentTimeMillis() + 30_000);

    private final dev.helpdesk.app.freeze.WriteFreeze freeze;

    public OutboxRelay(Db db, JobQueue queue, dev.helpdesk.app.freeze.WriteFreeze freeze) {
        this.db = db;
        this.freeze = freeze;
        this.queue = queue;
    }

    record Row(long id, String type, String payload) {}

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = JobRoles.NotThisRole.class)
    void tick() {
        try {
            // rows published while frozen would come back with a restore of the freeze's backup and be sent twice
            if (freeze.current().isEmpty()) {
                publish();
            }
        } catch (RuntimeException e) {
            outage.warn(e);
        }
    }

    /**
     * Publishes up to 500 waiting jobs, fewer when the queue's backlog is near its limit (the rest
     * wait here, in PostgreSQL, until workers catch up); returns how many.
     */
    public int publish() {
        return db.tx(c -> {
            // one relay at a time across replicas: two measuring the room at once would both fill it
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> null, RELAY_LOCK);
            long room = Math.min(500, queue.room());
            if (room == 0) {
                return 0;
            }
            List<Row> rows = Sql.list(c, "SELECT id, type, payload::text AS payload FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    rs -> new Row(rs.getLong("id"), rs.getString("type"), rs.getString("payload")), room);
            if (rows.isEmpty()) {
                return 0;
            }
            for (Row row : rows) {
                Map<String, String> payload = payload(row.payload());
                queue.enqueue(new Job("outbox-" + row.id(), row.type(), payload, 1));
            }
            Sql.update(c, "DELETE FROM outbox WHERE id = ANY (?::bigint[])", rows.stream().map(r -> String.valueOf(r.id())).toList());
            return rows.size();
        });
    }

    private static Map<String, String> payload(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox payload", e);
        }
    }

    public long waiting() {
        return db.read(c -> Sql.count(c, "SELECT count(*) FROM outbox"));
    }
}
