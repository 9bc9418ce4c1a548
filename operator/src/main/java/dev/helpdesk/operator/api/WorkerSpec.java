package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The background worker pods (role worker): job queue, SLA scanner, email. */
public class WorkerSpec {
    @Default("1")
    @Min(0)
    @Max(50)
    @JsonPropertyDescription("Number of worker pods.")
    public Integer replicas = 1;

    @Default("5")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Jobs each worker runs at a time (WORKER_CONCURRENCY).")
    public Integer concurrency = 5;

    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Attempts before a failing job goes to the dead-letter queue (WORKER_MAX_ATTEMPTS).")
    public Integer maxAttempts = 3;

    @Default("5000")
    @Min(0)
    @JsonPropertyDescription("First retry delay in milliseconds; doubles each attempt (WORKER_BACKOFF_MS).")
    public Long backoffMs = 5000L;

    @Default("true")
    @JsonPropertyDescription("Keep jobs that failed every attempt in a dead-letter queue (WORKER_DLQ_ENABLED).")
    public Boolean deadLetterQueue = true;

    @JsonPropertyDescription("CPU and memory for each worker pod.")
    public Resources resources;
}
