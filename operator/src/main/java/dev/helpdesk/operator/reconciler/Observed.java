package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** Secondary resources of one HelpDesk as the informer caches see them, looked up by name. */
final class Observed {
    private final Context<HelpDesk> context;

    Observed(Context<HelpDesk> context) {
        this.context = context;
    }

    <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
        return context.getSecondaryResourcesAsStream(type).filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    <R extends HasMetadata> java.util.List<R> all(Class<R> type) {
        return context.getSecondaryResourcesAsStream(type).toList();
    }
}
