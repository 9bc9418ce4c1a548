package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Map;

/** Small supporting objects: the pods' ServiceAccount, the data NetworkPolicy, the attachments volume. */
public final class SupportDependents {
    private SupportDependents() {}

    public static ServiceAccount serviceAccount(HelpDesk hd) {
        return new ServiceAccountBuilder().withMetadata(Owned.meta(hd, Names.serviceAccount(hd), "serviceaccount"))
                .withAutomountServiceAccountToken(false).build();
    }

    /** Only app, worker and migration pods of this HelpDesk may reach its managed database and Redis. */
    public static NetworkPolicy dataAccess(HelpDesk hd) {
        List<NetworkPolicyPeer> clients = List.of(peer(hd, AppDependents.COMPONENT), peer(hd, WorkerDependent.COMPONENT),
                peer(hd, MigrationJobDependent.COMPONENT));
        return new NetworkPolicyBuilder().withMetadata(Owned.meta(hd, Names.networkPolicy(hd), "network-policy"))
                .withNewSpec()
                .withNewPodSelector().addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In")
                .withValues("database", "redis").endMatchExpression()
                .addToMatchLabels("app.kubernetes.io/instance", hd.getMetadata().getName()).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(clients).endIngress()
                .endSpec().build();
    }

    private static NetworkPolicyPeer peer(HelpDesk hd, String component) {
        return new NetworkPolicyPeerBuilder().withNewPodSelector().withMatchLabels(Labels.selector(hd, component)).endPodSelector().build();
    }

    /** Attachments outlive the HelpDesk like the database does: labelled, not owned. */
    public static PersistentVolumeClaim attachments(HelpDesk hd) {
        return new PersistentVolumeClaimBuilder().withMetadata(Owned.unowned(hd, Names.attachments(hd), "attachments"))
                .withNewSpec().withAccessModes(hd.getSpec().attachments.storage.pvc.accessMode)
                .withStorageClassName(hd.getSpec().attachments.storage.pvc.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(hd.getSpec().attachments.storage.pvc.size))).endResources()
                .endSpec().build();
    }
}
