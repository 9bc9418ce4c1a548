package dev.helpdesk.operator.status;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on the HelpDesk, so kubectl describe tells the story. The same type, reason
 * and message on the same object within {@link #WINDOW} update the existing Event's count and
 * last timestamp ("x3 over 10s"), as client-go's recorder does, instead of adding a new one.
 */
public class EventRecorder {
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Recorded> recent;

    private record Recorded(String name, int count, Instant last) {}

    public EventRecorder(KubernetesClient client) {
        this(client, Clock.systemUTC(), 4096);
    }

    EventRecorder(KubernetesClient client, Clock clock, int capacity) {
        this.client = client;
        this.clock = clock;
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
                return size() > capacity;
            }
        });
    }

    public void normal(io.fabric8.kubernetes.api.model.HasMetadata hd, String reason, String message) {
        emit(hd, "Normal", reason, message);
    }

    public void warning(io.fabric8.kubernetes.api.model.HasMetadata hd, String reason, String message) {
        emit(hd, "Warning", reason, message);
    }

    private void emit(io.fabric8.kubernetes.api.model.HasMetadata hd, String type, String reason, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String key = hd.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        String namespace = hd.getMetadata().getNamespace();
        try {
            Recorded before = recent.get(key);
            Recorded updated = null;
            if (before != null && before.last().plus(WINDOW).isAfter(now)) {
                updated = increment(namespace, before, now);
            }
            if (updated == null) {
                updated = new Recorded(create(hd, type, reason, message, now), 1, now);
            }
            recent.put(key, updated);
        } catch (RuntimeException e) {
            LOG.debugf("could not record event %s on %s: %s", reason, hd.getMetadata().getName(), e.getMessage());
        }
        LOG.infof("%s/%s %s %s: %s", namespace, hd.getMetadata().getName(), type, reason, message);
    }

    /** Counts one more occurrence on the existing Event; null when it expired meanwhile (the API server drops Events after an hour). */
    private Recorded increment(String namespace, Recorded before, Instant now) {
        int count = before.count() + 1;
        try {
            client.v1().events().inNamespace(namespace).withName(before.name()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
            return new Recorded(before.name(), count, now);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private String create(io.fabric8.kubernetes.api.model.HasMetadata hd, String type, String reason, String message, Instant now) {
        Event created = client.v1().events().inNamespace(hd.getMetadata().getNamespace()).resource(new EventBuilder()
                .withNewMetadata().withGenerateName(hd.getMetadata().getName() + ".").withNamespace(hd.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withApiVersion(hd.getApiVersion()).withKind(hd.getKind())
                .withName(hd.getMetadata().getName()).withNamespace(hd.getMetadata().getNamespace())
                .withUid(hd.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent("helpdesk-operator").endSource()
                .build()).create();
        return created.getMetadata().getName();
    }
}
