package dev.helpdesk.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** One backup of a HelpDesk: its database dump and attachment files. Not owned by the HelpDesk: it outlives it. */
@CSVMetadata(displayName = "HelpDesk Backup",
        description = "One backup of a HelpDesk: its database dump and attachment files, on a volume or in S3. It outlives the HelpDesk.")
@Group("helpdesk.dev")
@Version("v1alpha1")
@ShortNames("hdb")
@AdditionalPrinterColumn(name = "HelpDesk", jsonPath = ".spec.helpDeskRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".spec.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.size", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HelpDeskBackup extends CustomResource<HelpDeskBackupSpec, HelpDeskBackupStatus> implements Namespaced {
    @Override
    protected HelpDeskBackupSpec initSpec() {
        return new HelpDeskBackupSpec();
    }

    @Override
    protected HelpDeskBackupStatus initStatus() {
        return new HelpDeskBackupStatus();
    }

    /** The HelpDesk this backup is of: as recorded when it started, else as the spec says. */
    public String helpDeskName() {
        return getStatus() != null && getStatus().helpDesk != null ? getStatus().helpDesk
                : getSpec().helpDeskRef == null ? null : getSpec().helpDeskRef.name;
    }

    public String phase() {
        return getStatus() == null || getStatus().phase == null ? HelpDeskBackupStatus.PENDING : getStatus().phase;
    }
}
