package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The HelpDesk as it would be at another app version: what the workloads are built from while a newer one is not migrated. */
final class Versions {
    private Versions() {}

    static HelpDesk servingAs(HelpDesk hd, String version) {
        HelpDesk copy = Serialization.clone(hd);
        copy.getSpec().version = version;
        return copy;
    }
}
