package dev.helpdesk.app.queue;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Which role this process runs (set by Main); background jobs run only in the long-lived roles. */
public final class JobRoles {
    public static final String PROPERTY = "helpdesk.role";

    private JobRoles() {}

    public static String current() {
        return System.getProperty(PROPERTY, "serve");
    }

    /** Workers consume jobs in the worker role, and in-process in standalone mode. */
    public static boolean runsWorker() {
        return current().equals("worker") || current().equals("standalone")
                || org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("helpdesk.worker.in-process", Boolean.class).orElse(false);
    }

    /** Skips scheduled jobs in one-shot roles (migrate, health). */
    @Singleton
    public static class NotThisRole implements Scheduled.SkipPredicate {
        @Override
        public boolean test(ScheduledExecution execution) {
            return !(current().equals("serve") || current().equals("worker") || current().equals("standalone"));
        }
    }
}
