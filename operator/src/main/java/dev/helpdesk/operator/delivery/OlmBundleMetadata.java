package dev.helpdesk.operator.delivery;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Annotations;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Icon;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.InstallMode;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Link;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Maintainer;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Provider;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/**
 * What the OLM ClusterServiceVersion says about the operator (its three reconcilers share one
 * bundle). The build completes the generated CSV (alm-examples, descriptors, relatedImages):
 * see docs/olm.md.
 */
@CSVMetadata(
        bundleName = "helpdesk-operator",
        displayName = "HelpDesk",
        description = """
                The HelpDesk operator installs and runs a helpdesk (ticketing and SLA) application: \
                apply a `HelpDesk` resource and get the web app, its worker, a PostgreSQL database and Redis, \
                with generated credentials.

                It runs the whole lifecycle: database migrations before a new version serves, upgrades \
                with a backup first and an automatic rollback when the new version cannot start, scheduled \
                and on-demand backups (`HelpDeskBackup`) to a volume or S3, in-place restores \
                (`HelpDeskRestore`), and per-installation alerts for Prometheus.

                Health is one look away: `kubectl get hd` prints Ready, Reason and the last backup; \
                `kubectl describe` shows conditions and an Event for every step.

                Documentation: https://github.com/helpdesk-dev/helpdesk-operator/tree/main/docs
                """,
        keywords = { "helpdesk", "ticketing", "sla", "support", "customer service" },
        maturity = "alpha",
        minKubeVersion = "1.23.0",
        provider = @Provider(name = "HelpDesk project", url = "https://github.com/helpdesk-dev/helpdesk-operator"),
        maintainers = @Maintainer(name = "HelpDesk maintainers", email = "maintainers@helpdesk.dev"),
        links = {
                @Link(name = "Source", url = "https://github.com/helpdesk-dev/helpdesk-operator"),
                @Link(name = "Documentation", url = "https://github.com/helpdesk-dev/helpdesk-operator/tree/main/docs") },
        icon = @Icon(fileName = "helpdesk-operator.svg"),
        installModes = {
                @InstallMode(type = "OwnNamespace"),
                @InstallMode(type = "SingleNamespace"),
                @InstallMode(type = "MultiNamespace"),
                @InstallMode(type = "AllNamespaces") },
        annotations = @Annotations(
                repository = "https://github.com/helpdesk-dev/helpdesk-operator",
                capabilities = "Full Lifecycle",
                categories = "Application Runtime"))
public class OlmBundleMetadata implements SharedCSVMetadata {
}
