package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Which backup goes into which HelpDesk. Meant to be immutable (see HelpDeskBackupSpec): the operator holds to what it started with. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public class HelpDeskRestoreSpec {
    @Required
    @JsonPropertyDescription("The HelpDesk to restore into, in the same namespace.")
    public HelpDeskBackupSpec.LocalRef helpDeskRef;

    @Required
    @JsonPropertyDescription("The HelpDeskBackup to restore; it must have succeeded.")
    public HelpDeskBackupSpec.LocalRef backupRef;

    @Default("false")
    @JsonPropertyDescription("Allow a backup of another HelpDesk of this namespace: the way to a new PostgreSQL major version or storage"
            + " class. Its files must be readable by the restore (S3, or that HelpDesk's backup volume).")
    public Boolean fromOtherHelpDesk; // no initializer: see HelpDeskBackupSpec
}
