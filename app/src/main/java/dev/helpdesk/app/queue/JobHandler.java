package dev.helpdesk.app.queue;

/** Does one kind of job. Must be idempotent: a job can run again after a crash or a retry. */
@FunctionalInterface
public interface JobHandler {
    void handle(Job job) throws Exception;
}
