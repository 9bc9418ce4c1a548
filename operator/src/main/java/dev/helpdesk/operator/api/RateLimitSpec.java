package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import java.util.List;

public class RateLimitSpec {
    @Default("true")
    @JsonPropertyDescription("Limit requests per client and endpoint (RATE_LIMIT_ENABLED).")
    public Boolean enabled = true;

    @Default("60000")
    @Min(1)
    @JsonPropertyDescription("Counting window in milliseconds (RATE_LIMIT_WINDOW_MS).")
    public Long windowMs = 60000L;

    @Default("20")
    @Min(1)
    @JsonPropertyDescription("Requests allowed per client, endpoint and window (RATE_LIMIT_MAX_REQUESTS).")
    public Integer maxRequests = 20;

    @JsonPropertyDescription("Paths never limited (RATE_LIMIT_DISABLED_ROUTES).")
    public List<String> disabledRoutes = List.of("/api/health", "/api/status");
}
