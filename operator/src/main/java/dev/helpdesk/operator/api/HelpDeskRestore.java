package dev.helpdesk.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** Restores a HelpDeskBackup into a HelpDesk in place: safety backup, scale to 0, restore, then the backup's version and the spec's. */
@CSVMetadata(displayName = "HelpDesk Restore",
        description = "Restores a HelpDeskBackup into a HelpDesk in place: a safety backup first, then the restore, then the backup's version and the spec's.")
@Group("helpdesk.dev")
@Version("v1alpha1")
@ShortNames("hdr")
@AdditionalPrinterColumn(name = "HelpDesk", jsonPath = ".spec.helpDeskRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Backup", jsonPath = ".spec.backupRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HelpDeskRestore extends CustomResource<HelpDeskRestoreSpec, HelpDeskRestoreStatus> implements Namespaced {
    @Override
    protected HelpDeskRestoreSpec initSpec() {
        return new HelpDeskRestoreSpec();
    }

    @Override
    protected HelpDeskRestoreStatus initStatus() {
        return new HelpDeskRestoreStatus();
    }

    public String phase() {
        return getStatus() == null || getStatus().phase == null ? HelpDeskRestoreStatus.PENDING : getStatus().phase;
    }

    /** Between its start and its end: the HelpDesk holds its workloads and waits for it. */
    public boolean active() {
        String p = phase();
        return !p.equals(HelpDeskRestoreStatus.PENDING) && !p.equals(HelpDeskRestoreStatus.SUCCEEDED) && !p.equals(HelpDeskRestoreStatus.FAILED);
    }
}
