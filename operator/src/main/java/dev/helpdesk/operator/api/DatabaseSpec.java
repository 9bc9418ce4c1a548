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

    // a data directory belongs to one PostgreSQL major and one volume: neither can be swapped under it
    @ValidationRule(value = "self.version == oldSelf.version",
            message = "database.managed.version cannot change in place: a data directory belongs to one PostgreSQL major."
                    + " Back up, create a new HelpDesk with the new version and restore the backup into it (docs/operations.md)")
    @ValidationRule(value = "has(self.storageClassName) == has(oldSelf.storageClassName)"
            + " && (!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
            message = "database.managed.storageClassName cannot change in place: the data volume exists."
                    + " Back up, create a new HelpDesk with the new class and restore the backup into it (docs/operations.md)")
    public static class Managed {
        @Default("16")
        @Pattern("^(14|15|16|17)$")
        @JsonPropertyDescription("PostgreSQL major version: 14, 15, 16 or 17.")
        public String version = "16";

        @Default("10Gi")
        @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
        @JsonPropertyDescription("Size of the data volume, e.g. 10Gi.")
        public String storage = "10Gi";

        @JsonPropertyDescription("StorageClass of the data volume; the cluster default when unset.")
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
