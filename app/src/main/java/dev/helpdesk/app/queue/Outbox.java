package dev.helpdesk.app.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Records follow-up jobs in the caller's transaction: they exist exactly when the change does. */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outbox() {}

    public static void add(Connection c, String type, Map<String, String> payload) throws SQLException {
        try {
            Sql.update(c, "INSERT INTO outbox (type, payload) VALUES (?, ?::jsonb)", type, JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
