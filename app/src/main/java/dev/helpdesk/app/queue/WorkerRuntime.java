package dev.helpdesk.app.queue;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.notify.NotificationHandler;
import dev.helpdesk.app.notify.Notifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts the job consumers in the roles that run them (worker; standalone; in-process when configured). */
@ApplicationScoped
public class WorkerRuntime {
    private final Provider<JobQueue> queue;
    private final Provider<NotificationHandler> notifications;
    private final Provider<AppConfig> config;
    private volatile Worker worker;

    private final io.micrometer.core.instrument.MeterRegistry metrics;

    public WorkerRuntime(Provider<JobQueue> queue, Provider<NotificationHandler> notifications, Provider<AppConfig> config,
                         io.micrometer.core.instrument.MeterRegistry metrics) {
        this.metrics = metrics;
        this.queue = queue;
        this.notifications = notifications;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (JobRoles.runsWorker()) {
            Map<String, JobHandler> handlers = new LinkedHashMap<>();
            for (String type : new String[] {Notifications.TICKET_CREATED, Notifications.AGENT_REPLY, Notifications.CUSTOMER_REPLY,
                    Notifications.ASSIGNED, Notifications.SLA_REMINDER, Notifications.SLA_BREACH, Notifications.ACCOUNT_LINK}) {
                handlers.put(type, notifications.get());
            }
            String name = ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9@.-]", "");
            Worker w = new Worker(queue.get(), handlers, name, config.get().queue().concurrency()).start();
            worker = w;
            io.micrometer.core.instrument.FunctionCounter.builder("helpdesk.jobs.processed", w, Worker::processed).register(metrics);
            io.micrometer.core.instrument.FunctionCounter.builder("helpdesk.jobs.failed", w, Worker::failed)
                    .description("jobs that failed every attempt").register(metrics);
            io.micrometer.core.instrument.FunctionCounter.builder("helpdesk.jobs.retried", w, Worker::retried).register(metrics);
            // what the QueueBacklog and DeadLetterQueueNotEmpty alerts read (docs/operations.md, "Alerts")
            queueGauge("helpdesk.jobs.waiting", "jobs waiting to be processed, including those waiting for a retry", JobQueue.Stats::waiting);
            queueGauge("helpdesk.jobs.dead_letter", "jobs that failed every attempt, waiting for a replay", JobQueue.Stats::deadLetter);
        }
    }

    private void queueGauge(String name, String description, java.util.function.ToLongFunction<JobQueue.Stats> figure) {
        io.micrometer.core.instrument.Gauge.builder(name, queue.get(), q -> {
            try {
                return figure.applyAsLong(q.stats());
            } catch (RuntimeException e) {
                return Double.NaN; // Redis unreachable: no figure rather than a wrong one
            }
        }).description(description).register(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.close();
        }
    }
}
