package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Redis: run by the operator (managed) or provided (external). */
@ValidationRule(value = "!(has(self.managed) && has(self.external))",
        message = "redis: set exactly one of managed or external, not both")
public class RedisSpec {
    @JsonPropertyDescription("A Redis StatefulSet run by the operator, its append-only file on a volume. The default when external is not set.")
    public Managed managed;

    @JsonPropertyDescription("An existing Redis, reached through a URL in a Secret.")
    public External external;

    public boolean usesExternal() {
        return external != null;
    }

    public static class Managed {
        @JsonPropertyDescription("CPU and memory for the Redis pod.")
        public Resources resources;

        @io.fabric8.generator.annotation.Default("1Gi")
        @io.fabric8.generator.annotation.Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
        @JsonPropertyDescription("Size of the volume for Redis's append-only file (queued jobs), e.g. 1Gi.")
        public String storage = "1Gi";

        @JsonPropertyDescription("StorageClass of the Redis volume; the cluster default when unset. Fixed once the volume exists.")
        public String storageClassName;
    }

    public Managed managedOrDefault() {
        return managed != null ? managed : new Managed();
    }

    public static class External {
        @Required
        @JsonPropertyDescription("Secret key holding redis://… or rediss://… (key defaults to url).")
        public SecretKeyRef secretRef;
    }
}
