package dev.helpdesk.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * metav1.Condition bookkeeping: a condition keeps its lastTransitionTime unless its status
 * really changes, so an unchanged observation produces an identical status (and no write).
 */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String MIGRATED = "Migrated";
    public static final String BACKUP_HEALTHY = "BackupHealthy";

    private final List<Condition> previous;
    private final List<Condition> next = new ArrayList<>();
    private final long generation;

    public Conditions(List<Condition> previous, long generation) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
    }

    public Conditions set(String type, boolean status, String reason, String message) {
        return set(type, status ? "True" : "False", reason, message);
    }

    public Conditions set(String type, String status, String reason, String message) {
        String lastTransition = find(previous, type)
                .filter(c -> Objects.equals(c.getStatus(), status))
                .map(Condition::getLastTransitionTime)
                .orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        next.removeIf(c -> c.getType().equals(type));
        next.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(lastTransition).build());
        return this;
    }

    /** Carries a condition over unchanged (e.g. while paused, nothing is re-observed). */
    public Conditions keep(String type) {
        find(previous, type).ifPresent(c -> {
            next.removeIf(n -> n.getType().equals(type));
            next.add(c);
        });
        return this;
    }

    public Optional<Condition> get(String type) {
        return find(next, type);
    }

    public boolean isTrue(String type) {
        return get(type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    public List<Condition> list() {
        List<Condition> ordered = new ArrayList<>();
        for (String t : List.of(READY, PROGRESSING, DEGRADED, DATABASE_READY, MIGRATED, BACKUP_HEALTHY)) {
            find(next, t).ifPresent(ordered::add);
        }
        next.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        return ordered;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
