package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** PostgreSQL: run by the operator (managed) or provided (external). */
@ValidationRule(value = "!(has(self.managed) && has(self.external))",
        message = "database: set exactly one of managed or external, not both")
public class DatabaseSpec {
    @JsonPropertyDescription("A PostgreSQL StatefulSet run by the operator. The default when external is not set.")
    public Managed managed;

    @JsonPropertyDescription("An existing PostgreSQL, reached through a URL in a Secret.")
    public External external;

    public boolean usesExternal() {
        return external != null;
    }

    public Managed managedOrDefault() {
        return managed != null ? managed : new Managed();
    }

    public static final String DEFAULT_POSTGRES_MAJOR = "16";

    public static class Managed {
        @Default("16")
        @Pattern("^(14|15|16|17)$")
        @JsonPropertyDescription("PostgreSQL major version: 14, 15, 16 or 17. Fixed once the database exists (a data directory belongs to"
                + " one major): to move, back up, create a new HelpDesk and restore into it.")
        public String version = "16";

        @Default("10Gi")
        @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
        @JsonPropertyDescription("Size of the data volume, e.g. 10Gi.")
        public String storage = "10Gi";

        @JsonPropertyDescription("StorageClass of the data volume; the cluster default when unset. Fixed once the volume exists.")
        public String storageClassName;

        @Default("false")
        @JsonPropertyDescription("Delete the data volume when the HelpDesk is deleted. Off by default: data outlives the resource. Needs Kubernetes 1.27+ (or the StatefulSetAutoDeletePVC feature gate); older servers ignore it.")
        public Boolean deleteClaimOnRemoval = false;

        @JsonPropertyDescription("CPU and memory for the database pod.")
        public Resources resources;
    }

    public static class External {
        @Required
        @JsonPropertyDescription("Secret key holding postgresql://user:password@host:5432/db?sslmode=require (key defaults to url).")
        public SecretKeyRef secretRef;
    }
}
