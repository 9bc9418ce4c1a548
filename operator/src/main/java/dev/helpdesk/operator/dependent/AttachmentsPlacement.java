package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ReadWriteOnce attachments volume can be mounted on one node only: app and worker pods then
 * require each other's node (the first one placed picks it), instead of hanging in
 * ContainerCreating elsewhere. A ReadWriteMany volume leaves them free to spread.
 */
public final class AttachmentsPlacement {
    static final String LABEL = "helpdesk.dev/attachments-volume";

    private AttachmentsPlacement() {}

    /** Whether pods must share the volume's node: by the live claim's access modes, else by the spec (the claim is fixed once made). */
    public static boolean pinned(HelpDesk hd, Optional<PersistentVolumeClaim> live) {
        if (hd.getSpec().attachments.storage.usesS3Bucket()) {
            return false;
        }
        return live.map(pvc -> pvc.getSpec().getAccessModes() == null || !pvc.getSpec().getAccessModes().contains("ReadWriteMany"))
                .orElse(!"ReadWriteMany".equals(hd.getSpec().attachments.storage.pvc.accessMode));
    }

    public static Deployment pin(Deployment d, HelpDesk hd) {
        pin(d.getSpec().getTemplate(), hd);
        return d;
    }

    /** A pod that mounts the volume joins the others' node; the first of them may go anywhere (it matches its own term). */
    public static void pin(io.fabric8.kubernetes.api.model.PodTemplateSpec template, HelpDesk hd) {
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put(LABEL, Names.attachments(hd));
        template.getMetadata().setLabels(labels);
        template.getSpec().setAffinity(new AffinityBuilder().withNewPodAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                        .withNewLabelSelector().withMatchLabels(Map.of(LABEL, Names.attachments(hd))).endLabelSelector()
                        .withTopologyKey("kubernetes.io/hostname").build())
                .endPodAffinity().build());
    }
}
