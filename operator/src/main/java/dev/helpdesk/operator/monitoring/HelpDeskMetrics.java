package dev.helpdesk.operator.monitoring;

import dev.helpdesk.operator.api.HelpDeskStatus;
import dev.helpdesk.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-HelpDesk gauges for Prometheus, from the status each reconcile wrote: what the alerts of
 * PrometheusRuleDependent and the Grafana dashboard read. A HelpDesk that is gone loses its series.
 * <ul>
 * <li>{@code helpdesk_operator_helpdesk_ready{namespace,name,reason}}: 1 when Ready=True; reason is Ready's.</li>
 * <li>{@code helpdesk_operator_helpdesk_phase{namespace,name,phase}}: 1 for status.phase.</li>
 * <li>{@code helpdesk_operator_backup_healthy{namespace,name,reason}}: 1 unless BackupHealthy=False.</li>
 * <li>{@code helpdesk_operator_last_backup_timestamp_seconds{namespace,name}}: status.lastBackup.completedAt.</li>
 * </ul>
 */
public final class HelpDeskMetrics {
    private record Desk(String namespace, String name, HelpDeskStatus status) {
        Tags tags() {
            return Tags.of("namespace", namespace, "name", name);
        }
    }

    private final Map<String, Desk> desks = new ConcurrentHashMap<>();
    private final MultiGauge ready;
    private final MultiGauge phase;
    private final MultiGauge backupHealthy;
    private final MultiGauge lastBackup;

    public HelpDeskMetrics(MeterRegistry registry) {
        ready = MultiGauge.builder("helpdesk.operator.helpdesk.ready").description("1 when the HelpDesk is Ready; reason: Ready's reason")
                .register(registry);
        phase = MultiGauge.builder("helpdesk.operator.helpdesk.phase").description("1 for the HelpDesk's status.phase").register(registry);
        backupHealthy = MultiGauge.builder("helpdesk.operator.backup.healthy")
                .description("0 when the BackupHealthy condition is False (last scheduled backup failed or too old)").register(registry);
        lastBackup = MultiGauge.builder("helpdesk.operator.last.backup.timestamp").baseUnit("seconds")
                .description("When the newest successful backup completed (Unix time)").register(registry);
    }

    /** The status just written for {@code namespace/name}. */
    public void observed(String namespace, String name, HelpDeskStatus status) {
        desks.put(namespace + "/" + name, new Desk(namespace, name, status));
        publish();
    }

    /** Keeps only the HelpDesks in {@code existing} ("namespace/name"). */
    public void retainOnly(Set<String> existing) {
        if (desks.keySet().retainAll(existing)) {
            publish();
        }
    }

    private synchronized void publish() {
        Collection<Desk> all = List.copyOf(desks.values());
        ready.register(all.stream().map(d -> {
            Optional<Condition> c = Conditions.find(d.status().conditions, Conditions.READY);
            return MultiGauge.Row.of(d.tags().and("reason", c.map(Condition::getReason).orElse("Unknown")),
                    c.map(x -> "True".equals(x.getStatus()) ? 1 : 0).orElse(0));
        }).toList(), true);
        phase.register(all.stream().filter(d -> d.status().phase != null)
                .map(d -> MultiGauge.Row.of(d.tags().and("phase", d.status().phase), 1)).toList(), true);
        backupHealthy.register(all.stream().map(d -> {
            Optional<Condition> c = Conditions.find(d.status().conditions, Conditions.BACKUP_HEALTHY);
            return MultiGauge.Row.of(d.tags().and("reason", c.map(Condition::getReason).orElse("Unknown")),
                    c.map(x -> "False".equals(x.getStatus()) ? 0 : 1).orElse(1));
        }).toList(), true);
        lastBackup.register(all.stream().filter(d -> d.status().lastBackup != null && d.status().lastBackup.completedAt != null)
                .map(d -> MultiGauge.Row.of(d.tags(), Instant.parse(d.status().lastBackup.completedAt).getEpochSecond())).toList(), true);
    }
}
