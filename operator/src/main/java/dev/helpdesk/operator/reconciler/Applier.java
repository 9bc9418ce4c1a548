package dev.helpdesk.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Creates or updates owned resources only when what the operator wants differs from what it
 * last wrote: a hash of the desired object is kept in an annotation, so server-side defaults
 * never look like drift and a steady state costs no writes.
 */
public final class Applier {
    public static final String HASH = "helpdesk.dev/desired-hash";
    // sorted keys: Map.of iteration order changes between JVMs and must not look like a change
    private static final ObjectMapper JSON = Serialization.jsonMapper().copy()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final KubernetesClient client;

    public Applier(KubernetesClient client) {
        this.client = client;
    }

    /** Writes {@code desired} unless {@code actual} already carries its hash; returns what is now in the cluster. */
    public <R extends HasMetadata> R apply(Optional<R> actual, R desired) {
        return apply(actual, desired, (a, d) -> { });
    }

    /**
     * As {@link #apply(Optional, Object)}, with {@code keep} copying fields another controller owns
     * (e.g. replicas under an HPA) from the live object into what is written; they are not hashed.
     */
    public <R extends HasMetadata> R apply(Optional<R> actual, R desired, java.util.function.BiConsumer<R, R> keep) {
        String hash = hash(desired);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new HashMap<>());
        }
        desired.getMetadata().getAnnotations().put(HASH, hash);
        if (actual.isEmpty()) {
            return create(desired);
        }
        R current = actual.get();
        if (current.getMetadata().getAnnotations() != null && hash.equals(current.getMetadata().getAnnotations().get(HASH))) {
            return current;
        }
        desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        keep.accept(current, desired);
        return client.resource(desired).update();
    }

    /** Creates {@code desired} if absent and never changes it afterwards (generated secrets, Jobs). */
    public <R extends HasMetadata> R createOnce(Optional<R> actual, R desired) {
        return actual.orElseGet(() -> create(desired));
    }

    public <R extends HasMetadata> void deleteIfPresent(Optional<R> actual) {
        actual.ifPresent(r -> client.resource(r).delete());
    }

    private <R extends HasMetadata> R create(R desired) {
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // our cache had not seen it yet (e.g. right after an operator restart): it exists, use it
                @SuppressWarnings("unchecked")
                R existing = (R) client.resource(desired).get();
                return existing;
            }
            throw e;
        }
    }

    static String hash(HasMetadata desired) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(desired);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hashOf(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update((p == null ? "" : p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
