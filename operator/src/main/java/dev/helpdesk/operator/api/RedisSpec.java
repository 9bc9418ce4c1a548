package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Redis: run by the operator (managed) or provided (external). */
@ValidationRule(value = "!(has(self.managed) && has(self.external))",
        message = "redis: set exactly one of managed or external, not both")
public class RedisSpec {
    @JsonPropertyDescription("A Redis Deployment run by the operator. The default when external is not set.")
    public Managed managed;

    @JsonPropertyDescription("An existing Redis, reached through a URL in a Secret.")
    public External external;

    public boolean usesExternal() {
        return external != null;
    }

    public static class Managed {
        @JsonPropertyDescription("CPU and memory for the Redis pod.")
        public Resources resources;
    }

    public static class External {
        @Required
        @JsonPropertyDescription("Secret key holding redis://… or rediss://… (key defaults to url).")
        public SecretKeyRef secretRef;
    }
}
