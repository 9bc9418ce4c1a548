package dev.helpdesk.operator.backup;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.dependent.Names;
import dev.helpdesk.operator.dependent.Owned;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

/** The volume NAME-backups: made on the first backup, never owned by the HelpDesk (backups outlive it) nor changed afterwards. */
final class BackupVolume {
    static final String COMPONENT = "backups";

    private BackupVolume() {}

    static void ensure(KubernetesClient client, HelpDesk hd) {
        String name = Names.backups(hd);
        if (client.persistentVolumeClaims().inNamespace(hd.getMetadata().getNamespace()).withName(name).get() != null) {
            return;
        }
        var pvc = hd.getSpec().backup.target.pvc;
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                .withMetadata(Owned.unowned(hd, name, COMPONENT))
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(pvc.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(pvc.size))).endResources()
                .endSpec().build();
        try {
            client.resource(claim).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
