package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The Secrets a spec names, read from the informer cache; one seen for the first time is labelled so the cache holds it from then on. */
public final class ReferencedSecrets {
    private final KubernetesClient client;
    private final InformerEventSource<Secret, HelpDesk> cache;

    ReferencedSecrets(KubernetesClient client, InformerEventSource<Secret, HelpDesk> cache) {
        this.client = client;
        this.cache = cache;
    }

    @SuppressWarnings("unchecked")
    static ReferencedSecrets of(KubernetesClient client, Context<HelpDesk> context) {
        InformerEventSource<Secret, HelpDesk> cache = context == null ? null : (InformerEventSource<Secret, HelpDesk>)
                context.eventSourceRetriever().getEventSourceFor(Secret.class, EventSources.REFERENCED_SECRETS);
        return new ReferencedSecrets(client, cache);
    }

    public Optional<Secret> get(String namespace, String name) {
        if (cache != null) {
            Optional<Secret> cached = cache.get(new ResourceID(name, namespace));
            if (cached.isPresent()) {
                return cached;
            }
        }
        Secret live = client.secrets().inNamespace(namespace).withName(name).get();
        if (live != null && cache != null) {
            // from now on the informer sees it, so a change (a rotated password) reaches the pods
            client.secrets().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"" + EventSources.REFERENCED_LABEL + "\":\"true\"}}}");
        }
        return Optional.ofNullable(live);
    }

    /** Names of the Secrets the spec refers to (not the ones the operator makes itself). */
    static Set<String> names(HelpDesk hd) {
        HelpDeskSpec s = hd.getSpec();
        Set<String> names = new LinkedHashSet<>();
        if (s == null) {
            return names;
        }
        if (s.database != null && s.database.usesExternal() && s.database.external.secretRef != null) {
            names.add(s.database.external.secretRef.name);
        }
        if (s.redis != null && s.redis.usesExternal() && s.redis.external.secretRef != null) {
            names.add(s.redis.external.secretRef.name);
        }
        if (s.email != null && s.email.smtp != null && s.email.smtp.secretRef != null) {
            names.add(s.email.smtp.secretRef.name);
        }
        if (s.attachments != null && s.attachments.storage != null && s.attachments.storage.s3 != null
                && s.attachments.storage.s3.secretRef != null) {
            names.add(s.attachments.storage.s3.secretRef.name);
        }
        if (s.backup != null && s.backup.target != null && s.backup.target.s3 != null && s.backup.target.s3.secretRef != null) {
            names.add(s.backup.target.s3.secretRef.name);
        }
        names.removeIf(n -> n == null || n.isEmpty());
        return names;
    }
}
