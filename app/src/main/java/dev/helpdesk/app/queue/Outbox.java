package dev.helpdesk.app.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Records follow-up jobs in the caller's transaction: they exist exactly when the change does. */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outbox() {}

    /** A follow-up job to record: its type and payload. */
    public record Entry(String type, Map<String, String> payload) {}

    public static void add(Connection c, String type, Map<String, String> payload) throws SQLException {
        SqlBatch batch = new SqlBatch();
        add(batch, type, payload);
        batch.run(c);
    }

    /** As {@link #add(Connection, String, Map)}, written with the batch's other statements. */
    public static void add(SqlBatch batch, String type, Map<String, String> payload) {
        batch.update("INSERT INTO outbox (type, payload) VALUES (?, ?::jsonb)", type, json(payload));
    }

    /** The rows {@link #add} writes, for many jobs in one statement (a scan may record thousands). */
    public static void addAll(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Sql.update(c, "INSERT INTO outbox (type, payload) SELECT * FROM unnest(?::text[], ?::jsonb[])",
                entries.stream().map(Entry::type).toList(), entries.stream().map(e -> json(e.payload())).toList());
    }

    private static String json(Map<String, String> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
