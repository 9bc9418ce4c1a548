package dev.helpdesk.app.health;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.redis.Redis;
import dev.helpdesk.app.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Statement;

/** Live reachability of each dependency; every check is bounded in time and never throws. */
@ApplicationScoped
public class DependencyChecks {
    private final Db db;
    private final Redis redis;
    private final BlobStore store;

    public DependencyChecks(Db db, Redis redis, BlobStore store) {
        this.db = db;
        this.redis = redis;
        this.store = store;
    }

    public boolean database() {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            return st.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    public boolean redis() {
        return redis.ping();
    }

    public boolean storage() {
        return store.healthy();
    }
}
