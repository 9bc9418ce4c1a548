package dev.helpdesk.operator.reconciler;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own last status write per object. Right after a write the informer may still
 * hand out the object as it was before it (JOSDK 5.1's cache races); then the written status is
 * the truth to build on.
 */
public final class StatusWrites<S> {
    public record Written<S>(String before, String resourceVersion, S status) {}

    private final Map<String, Written<S>> last = new ConcurrentHashMap<>();

    public void remember(CustomResource<?, S> cr, String before, CustomResource<?, S> written) {
        if (written != null && written.getMetadata() != null) {
            last.put(cr.getMetadata().getUid(), new Written<>(before, written.getMetadata().getResourceVersion(), written.getStatus()));
        }
    }

    /** Our written state when {@code cached} is still the object from before that write; null when the cache caught up. */
    public Written<S> newerThan(CustomResource<?, S> cached) {
        Written<S> w = last.get(cached.getMetadata().getUid());
        if (w == null) {
            return null;
        }
        if (w.before() != null && w.before().equals(cached.getMetadata().getResourceVersion())) {
            return w;
        }
        last.remove(cached.getMetadata().getUid(), w); // the cache has this write or a newer object: forget it
        return null;
    }

    /** Replaces the cached object's status with ours when the cache has not seen our last write yet. */
    public void catchUp(CustomResource<?, S> cached) {
        Written<S> mine = newerThan(cached);
        if (mine != null) {
            cached.setStatus(mine.status());
            cached.getMetadata().setResourceVersion(mine.resourceVersion());
        }
    }
}
