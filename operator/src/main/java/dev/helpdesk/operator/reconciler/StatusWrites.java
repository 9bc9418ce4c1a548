package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own last status write per HelpDesk. Right after a write the informer may still
 * hand out the object as it was before it (JOSDK 5.1's cache races); then the written status is
 * the truth to build on.
 */
final class StatusWrites {
    record Written(String before, String resourceVersion, HelpDeskStatus status) {}

    private final Map<String, Written> last = new ConcurrentHashMap<>();

    void remember(HelpDesk hd, String before, HelpDesk written) {
        if (written != null && written.getMetadata() != null) {
            last.put(hd.getMetadata().getUid(), new Written(before, written.getMetadata().getResourceVersion(), written.getStatus()));
        }
    }

    /** Our written state when {@code cached} is still the object from before that write; null when the cache caught up. */
    Written newerThan(HelpDesk cached) {
        Written w = last.get(cached.getMetadata().getUid());
        if (w == null) {
            return null;
        }
        if (w.before() != null && w.before().equals(cached.getMetadata().getResourceVersion())) {
            return w;
        }
        last.remove(cached.getMetadata().getUid(), w); // the cache has this write or a newer object: forget it
        return null;
    }
}
