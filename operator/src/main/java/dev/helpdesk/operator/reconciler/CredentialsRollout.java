package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.dependent.GeneratedSecretDependent;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order in which changed generated passwords reach the pods (DESIGN §4.7). PostgreSQL and
 * Redis apply the Secret's passwords at every start, so they roll as soon as the Secret changes;
 * the app, worker and migration pods move to them only once both data services run with them.
 * Each pod template carries {@value #HASH_ANNOTATION}, the hash of the credentials it was given.
 */
public final class CredentialsRollout {
    public static final String HASH_ANNOTATION = "helpdesk.dev/credentials-hash";
    public static final String ROTATE_ANNOTATION = "helpdesk.dev/rotate-credentials";
    public static final String DATA_SERVICES = "DataServices";
    public static final String WORKLOADS = "Workloads";

    private CredentialsRollout() {}

    /** What each pod template should carry now. */
    public record Hashes(String database, String redis, String workloads) {}

    public static String databaseHash(Secret secret) {
        return Applier.hashOf(value(secret, GeneratedSecretDependent.DATABASE_PASSWORD));
    }

    public static String redisHash(Secret secret) {
        return Applier.hashOf(value(secret, GeneratedSecretDependent.REDIS_PASSWORD));
    }

    /** Everything the app image's pods read from the generated Secret. */
    public static String workloadsHash(Secret secret) {
        return Applier.hashOf(value(secret, GeneratedSecretDependent.DATABASE_PASSWORD), value(secret, GeneratedSecretDependent.REDIS_PASSWORD),
                value(secret, GeneratedSecretDependent.SIGNING_KEY));
    }

    /** The managed StatefulSet (or none: external) runs a ready pod made from a template with this hash. */
    public static boolean runsWith(Optional<StatefulSet> set, String hash) {
        if (set.isEmpty()) {
            return true;
        }
        StatefulSet s = set.get();
        var status = s.getStatus();
        return hash.equals(annotation(s.getSpec().getTemplate())) && status != null
                && Objects.equals(status.getObservedGeneration(), s.getMetadata().getGeneration())
                && status.getUpdateRevision() != null && status.getUpdateRevision().equals(status.getCurrentRevision())
                && status.getReadyReplicas() != null && status.getReadyReplicas() >= 1;
    }

    /** The Deployment has rolled out every replica from a template with this hash. */
    public static boolean runsWith(Deployment d, String hash) {
        var status = d.getStatus();
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return hash.equals(annotation(d.getSpec().getTemplate())) && status != null
                && Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration())
                && status.getUpdatedReplicas() != null && status.getUpdatedReplicas() >= wanted
                && status.getAvailableReplicas() != null && status.getAvailableReplicas() >= wanted
                && (status.getReplicas() == null || status.getReplicas() <= status.getUpdatedReplicas());
    }

    /** Puts the hash on a Deployment's or StatefulSet's pod template. */
    public static void stamp(PodTemplateSpec template, String hash) {
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(template.getMetadata().getAnnotations());
        annotations.put(HASH_ANNOTATION, hash);
        template.getMetadata().setAnnotations(annotations);
    }

    private static String annotation(PodTemplateSpec template) {
        return template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                : template.getMetadata().getAnnotations().get(HASH_ANNOTATION);
    }

    private static String value(Secret secret, String key) {
        return secret.getData() == null ? null : secret.getData().get(key);
    }
}
