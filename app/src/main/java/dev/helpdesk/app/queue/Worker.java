package dev.helpdesk.app.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs WORKER_CONCURRENCY consumers of the job queue. A job whose type has no handler is a
 * failure like any other (retried, then dead-lettered), so nothing is silently dropped.
 */
public class Worker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Worker.class);
    /** How long an idle consumer waits before asking again (the queue's latency when idle). */
    static final long IDLE_WAIT_MS = 200;
    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final String name;
    private final int concurrency;
    private final ExecutorService threads;
    private volatile boolean running;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    public Worker(JobQueue queue, Map<String, JobHandler> handlers, String name, int concurrency) {
        this.queue = queue;
        this.handlers = Map.copyOf(handlers);
        this.name = name;
        this.concurrency = concurrency;
        this.threads = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "worker-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public Worker start() {
        queue.ensureGroup();
        running = true;
        for (int i = 0; i < concurrency; i++) {
            String consumer = name + "-" + i;
            threads.submit(() -> loop(consumer));
        }
        return this;
    }

    private void loop(String consumer) {
        while (running) {
            try {
                var deliveries = queue.poll(consumer, 1, Duration.ZERO);
                for (JobQueue.Delivery d : deliveries) {
                    process(d);
                }
                if (deliveries.isEmpty()) {
                    sleep(IDLE_WAIT_MS);
                }
            } catch (RuntimeException e) {
                // Redis unreachable or similar: wait and try again rather than spin
                LOG.debugf("worker %s poll failed: %s", consumer, e.getMessage());
                sleep(1000);
            }
        }
    }

    /** Runs one delivery to completion: acknowledged on success, retried or dead-lettered on failure. */
    public void process(JobQueue.Delivery d) {
        JobHandler handler = handlers.get(d.job().type());
        try {
            if (handler == null) {
                throw new IllegalStateException("no handler for job type '" + d.job().type() + "'");
            }
            handler.handle(d.job());
            queue.complete(d);
            processed.incrementAndGet();
        } catch (Exception e) {
            JobQueue.Outcome outcome = queue.fail(d, e);
            if (outcome == JobQueue.Outcome.RETRY_SCHEDULED) {
                retried.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            LOG.warnf("job %s (%s) attempt %d failed, %s: %s", d.job().id(), d.job().type(), d.job().attempt(), outcome, e.getMessage());
        }
    }

    public long processed() {
        return processed.get();
    }

    public long failed() {
        return failed.get();
    }

    public long retried() {
        return retried.get();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
