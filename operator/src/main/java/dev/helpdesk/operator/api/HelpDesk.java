package dev.helpdesk.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** One helpdesk installation. */
@CSVMetadata(displayName = "HelpDesk",
        description = "One helpdesk installation: the app, its worker, PostgreSQL and Redis, upgrades with migrations, scheduled backups and alerts.")
@Group("helpdesk.dev")
@Version("v1alpha1")
@ShortNames("hd")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "App", jsonPath = ".status.app.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Worker", jsonPath = ".status.worker.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Backup", jsonPath = ".status.lastBackup.completedAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HelpDesk extends CustomResource<HelpDeskSpec, HelpDeskStatus> implements Namespaced {
    public static final String PAUSED_ANNOTATION = "helpdesk.dev/paused";

    @Override
    protected HelpDeskSpec initSpec() {
        return new HelpDeskSpec();
    }

    @Override
    protected HelpDeskStatus initStatus() {
        return new HelpDeskStatus();
    }

    public boolean pausedByAnnotation() {
        return getMetadata().getAnnotations() != null
                && "true".equalsIgnoreCase(getMetadata().getAnnotations().get(PAUSED_ANNOTATION));
    }
}
