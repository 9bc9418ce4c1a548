package dev.helpdesk.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes owned resources, and only when they differ from what the operator wants.
 *
 * <p>With server-side apply (production): the desired object is applied under the field manager
 * {@link #MANAGER}, forcing conflicts, so a value someone else changed in a field the operator
 * manages is set back. Whether to apply is decided as JOSDK's SSA matcher decides it: the live
 * object's fields owned by this manager against the desired ones, so server defaults are never
 * drift and a resource at rest costs no request. SSA keeps list and map entries that other
 * managers added; the operator owns whole lists ({@link OwnedLists}), so those entries are then
 * removed with a JSON patch. When the desired object is the one applied last time (its hash is
 * on the live object) but the live one differs, someone else changed it: that is drift, reported.
 *
 * <p>Without server-side apply (the mock API server of the fast tests): a create or a full update
 * when the hash of the desired object changed.
 */
public final class Applier {
    public static final String MANAGER = "helpdesk-operator";
    public static final String HASH = "helpdesk.dev/desired-hash";
    // sorted keys: Map.of iteration order changes between JVMs and must not look like a change
    private static final ObjectMapper JSON = Serialization.jsonMapper().copy()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Someone else's change to an owned resource, undone: who (a field manager) and where. */
    public record Drift(HasMetadata resource, String changedBy) {}

    private final KubernetesClient client;
    private final Context<?> context;
    private final boolean ssa;
    private final java.util.function.Consumer<Drift> onDrift;

    public Applier(KubernetesClient client, Context<?> context, java.util.function.Consumer<Drift> onDrift) {
        this.client = client;
        this.context = context;
        this.ssa = context != null
                && context.getControllerConfiguration().getConfigurationService().ssaBasedCreateUpdateMatchForDependentResources();
        this.onDrift = onDrift;
    }

    /** Writes {@code desired} unless the live object already is what it describes; returns what is now in the cluster. */
    public <R extends HasMetadata> R apply(Optional<R> actual, R desired) {
        return apply(actual, desired, (a, d) -> { });
    }

    /**
     * As {@link #apply(Optional, HasMetadata)}; {@code keep} copies fields another controller owns
     * (replicas under an HPA) from the live object into the desired one.
     */
    public <R extends HasMetadata> R apply(Optional<R> actual, R desired, BiConsumer<R, R> keep) {
        String hash = hash(desired);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new HashMap<>());
        }
        desired.getMetadata().getAnnotations().put(HASH, hash);
        if (actual.isEmpty()) {
            return ssa ? serverSideApply(desired) : create(desired).object();
        }
        R live = actual.get();
        boolean sameDesire = hash.equals(live.getMetadata().getAnnotations() == null ? null : live.getMetadata().getAnnotations().get(HASH));
        if (!ssa) {
            if (sameDesire) {
                return live;
            }
            desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
            keep.accept(live, desired);
            return client.resource(desired).update();
        }
        // applying the live value never changes it; leaving the field out would let SSA reset it to its default
        keep.accept(live, desired);
        boolean matches = SSABasedGenericKubernetesResourceMatcher.<R>getInstance().matches(live, desired, context)
                || NO_OP_APPLIES.known(live, hash);
        List<String> foreign = OwnedLists.foreignEntries(live, desired);
        if (matches && foreign.isEmpty()) {
            return live;
        }
        // foreign entries first: one could clash with the operator's own (a Service port renumbered by hand keeps its name)
        R applied = foreign.isEmpty() ? live : removeForeign(live, desired);
        if (!matches) {
            applied = serverSideApply(desired);
        }
        String before = live.getMetadata().getResourceVersion();
        if (before != null && before.equals(applied.getMetadata().getResourceVersion())) {
            // the server changed nothing: a field it drops or defaults differently (e.g. one behind a feature gate)
            NO_OP_APPLIES.remember(live, hash);
        } else if (sameDesire) {
            onDrift.accept(new Drift(live, changedBy(live)));
        }
        return applied;
    }

    /**
     * Applies the server answered without a change, by object and desired hash: not repeated while the
     * object stays at that resourceVersion. Guards against matcher false positives (JOSDK #2249),
     * which would otherwise cost one write per reconcile for good.
     */
    private static final NoOpApplies NO_OP_APPLIES = new NoOpApplies(10_000);

    static final class NoOpApplies {
        private final java.util.Map<String, String> seen;

        NoOpApplies(int capacity) {
            this.seen = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > capacity;
                }
            });
        }

        boolean known(HasMetadata live, String hash) {
            return key(live, hash).equals(seen.get(live.getMetadata().getUid()));
        }

        void remember(HasMetadata live, String hash) {
            seen.put(live.getMetadata().getUid(), key(live, hash));
        }

        private static String key(HasMetadata live, String hash) {
            return hash + "@" + live.getMetadata().getResourceVersion();
        }
    }

    private <R extends HasMetadata> R serverSideApply(R desired) {
        desired.getMetadata().setResourceVersion(null);
        desired.getMetadata().setManagedFields(null);
        return client.resource(desired).fieldManager(MANAGER).forceConflicts().serverSideApply();
    }

    /** Removes entries of owned lists and maps that are not in {@code desired}; guarded by test operations. */
    private <R extends HasMetadata> R removeForeign(R live, R desired) {
        String patch = OwnedLists.removalPatch(live, desired);
        if (patch == null) {
            return live;
        }
        return client.resource(live).patch(new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(MANAGER).build(), patch);
    }

    /** The field manager that wrote to the object last, other than this operator and the API server's own controllers. */
    private static String changedBy(HasMetadata live) {
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        if (entries == null) {
            return "another client";
        }
        return entries.stream().filter(e -> !MANAGER.equals(e.getManager()) && e.getTime() != null && !"status".equals(e.getSubresource()))
                .max(Comparator.comparing(ManagedFieldsEntry::getTime))
                .map(ManagedFieldsEntry::getManager).orElse("another client");
    }

    /** Whether this operator's writes own the field at {@code path} of {@code live} (always, without server-side apply). */
    public boolean manages(HasMetadata live, String... path) {
        if (!ssa) {
            return true;
        }
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        if (entries == null) {
            return false;
        }
        for (ManagedFieldsEntry e : entries) {
            if (MANAGER.equals(e.getManager()) && "Apply".equals(e.getOperation()) && e.getFieldsV1() != null) {
                com.fasterxml.jackson.databind.JsonNode node = JSON.valueToTree(e.getFieldsV1().getAdditionalProperties());
                for (String p : path) {
                    node = node.path("f:" + p);
                }
                if (!node.isMissingNode()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Creates {@code desired} if absent and never changes it afterwards (generated secrets, Jobs). */
    public <R extends HasMetadata> R createOnce(Optional<R> actual, R desired) {
        return actual.orElseGet(() -> create(desired).object());
    }

    /** What a create left: the object, and whether this call made it (false: it existed, our cache had not seen it yet). */
    public record Created<R>(R object, boolean isNew) {}

    public <R extends HasMetadata> void deleteIfPresent(Optional<R> actual) {
        actual.ifPresent(r -> client.resource(r).delete());
    }

    public <R extends HasMetadata> Created<R> create(R desired) {
        try {
            return new Created<>(client.resource(desired).create(), true);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // our cache had not seen it yet (e.g. right after an operator restart): it exists, use it
                return new Created<>(client.resource(desired).get(), false);
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
