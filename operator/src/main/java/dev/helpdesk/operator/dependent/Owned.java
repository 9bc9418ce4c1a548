package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Metadata for resources the HelpDesk owns: labels plus an owner reference, so deletion cascades. */
public final class Owned {
    private Owned() {}

    public static ObjectMeta meta(HelpDesk hd, String name, String component) {
        return meta(hd, name, Labels.of(hd, component));
    }

    public static ObjectMeta meta(HelpDesk hd, String name, java.util.Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(hd.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(hd.getApiVersion()).withKind(hd.getKind())
                        .withName(hd.getMetadata().getName()).withUid(hd.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .build();
    }

    /** For data that must outlive the HelpDesk (volumes): labelled, but not owned. */
    public static ObjectMeta unowned(HelpDesk hd, String name, String component) {
        return new ObjectMetaBuilder().withName(name).withNamespace(hd.getMetadata().getNamespace())
                .withLabels(Labels.of(hd, component)).build();
    }
}
