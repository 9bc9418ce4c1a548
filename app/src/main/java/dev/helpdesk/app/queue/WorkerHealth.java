package dev.helpdesk.app.queue;

import dev.helpdesk.app.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** The worker's health report (DESIGN §5): queue figures and Redis reachability. */
@ApplicationScoped
public class WorkerHealth {
    private final JobQueue queue;
    private final Redis redis;

    public WorkerHealth(JobQueue queue, Redis redis) {
        this.queue = queue;
        this.redis = redis;
    }

    public Map<String, Object> report() {
        boolean connected = redis.ping();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", queue.settings().streamKey());
        if (connected) {
            try {
                JobQueue.Stats stats = queue.stats();
                JobQueue.Totals totals = queue.totals();
                q.put("waiting", stats.waiting() + stats.delayed());
                q.put("active", stats.active());
                q.put("completed", totals.completed());
                q.put("failed", totals.failed());
                q.put("deadLetter", stats.deadLetter());
            } catch (RuntimeException e) {
                connected = false;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", connected ? "healthy" : "unhealthy");
        out.put("queue", q);
        out.put("redis", Map.of("connected", connected));
        return out;
    }

    public boolean healthy(Map<String, Object> report) {
        return "healthy".equals(report.get("status"));
    }
}
