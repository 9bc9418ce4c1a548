package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What to back up and why. Meant to be immutable: the CEL rule {@code self == oldSelf} needs
 * Kubernetes 1.24, so the operator holds to what it recorded when the backup started instead.
 * No field has a Java initializer: JOSDK adds the finalizer by server-side applying a fresh
 * instance, whose initialized fields would overwrite the user's (the server defaults them instead).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public class HelpDeskBackupSpec {
    public static final String MANUAL = "manual";
    public static final String SCHEDULED = "scheduled";
    public static final String PRE_UPGRADE = "pre-upgrade";
    public static final String PRE_RESTORE = "pre-restore";

    @Required
    @JsonPropertyDescription("The HelpDesk to back up, in the same namespace.")
    public LocalRef helpDeskRef;

    @Default(MANUAL)
    @Pattern("^(manual|scheduled|pre-upgrade|pre-restore)$")
    @JsonPropertyDescription("Why it was taken: manual (default), scheduled, pre-upgrade or pre-restore. Retention deletes only"
            + " scheduled backups.")
    public String reason;

    /** {@link #reason}, with the schema's default. */
    public String reason() {
        return reason == null ? MANUAL : reason;
    }

    public static class LocalRef {
        @Required
        @JsonPropertyDescription("Name of the object, in the same namespace.")
        public String name;
    }
}
