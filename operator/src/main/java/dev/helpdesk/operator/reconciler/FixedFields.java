package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Spec fields that cannot change once their data exists: the managed PostgreSQL major (a data
 * directory belongs to one major) and the storage classes of existing volumes. Checked against
 * the live StatefulSets, so it holds on every Kubernetes version (CEL transition rules need 1.24+);
 * a change is refused as an invalid spec and nothing is touched until it is set back.
 */
final class FixedFields {
    private static final String HOW_TO_MOVE = " To move, back up, create a new HelpDesk with the new value and restore the backup"
            + " into it (docs/operations.md).";

    private FixedFields() {}

    static List<String> problems(HelpDesk hd, Optional<StatefulSet> postgres, Optional<StatefulSet> redis) {
        List<String> problems = new ArrayList<>();
        var spec = hd.getSpec();
        if (!spec.database.usesExternal() && postgres.isPresent()) {
            String live = postgresMajor(postgres.get());
            String wanted = spec.database.managedOrDefault().version;
            if (live != null && !live.equals(wanted)) {
                problems.add("spec.database.managed.version: the database runs PostgreSQL " + live + " and cannot change to " + wanted
                        + " in place (a data directory belongs to one major); set it back to " + live + "." + HOW_TO_MOVE);
            }
            storageClass(postgres.get(), spec.database.managedOrDefault().storageClassName, "spec.database.managed.storageClassName")
                    .ifPresent(problems::add);
        }
        if (!spec.redis.usesExternal() && redis.isPresent()) {
            storageClass(redis.get(), spec.redis.managedOrDefault().storageClassName, "spec.redis.managed.storageClassName")
                    .ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> storageClass(StatefulSet live, String wanted, String field) {
        var claims = live.getSpec().getVolumeClaimTemplates();
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        String current = claims.get(0).getSpec().getStorageClassName();
        if (Objects.equals(blankToNull(current), blankToNull(wanted))) {
            return Optional.empty();
        }
        return Optional.of(field + ": the volume exists with " + describe(current) + " and cannot move to " + describe(wanted)
                + " in place; set it back." + HOW_TO_MOVE);
    }

    /** {@code docker.io/library/postgres:16-alpine} → 16. */
    static String postgresMajor(StatefulSet live) {
        var containers = live.getSpec().getTemplate().getSpec().getContainers();
        String image = containers.isEmpty() ? "" : containers.get(0).getImage();
        int colon = image.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String tag = image.substring(colon + 1);
        String major = tag.split("[.-]")[0];
        return major.matches("\\d+") ? major : null;
    }

    private static String describe(String storageClass) {
        return blankToNull(storageClass) == null ? "the cluster's default class" : "class '" + storageClass + "'";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
