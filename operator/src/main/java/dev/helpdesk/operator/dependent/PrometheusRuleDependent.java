package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus Operator PrometheusRule with the HelpDesk's alerts (spec.monitoring.prometheusRule).
 * They read the app's and worker's metrics (scraped through the ServiceMonitor) and the operator's
 * per-HelpDesk gauges (HelpDeskMetrics); each links its runbook section in docs/operations.md.
 */
public final class PrometheusRuleDependent {
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String KIND = "PrometheusRule";
    public static final String CRD = "prometheusrules.monitoring.coreos.com";
    public static final String RUNBOOKS = "https://github.com/helpdesk-dev/helpdesk-operator/blob/main/docs/operations.md#";

    private PrometheusRuleDependent() {}

    /** One alert: its name is also its runbook's heading in docs/operations.md. */
    record Alert(String name, String expr, String forDuration, String severity, String summary, String description) {
        Map<String, Object> rule(HelpDesk hd) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", name);
            rule.put("expr", expr);
            rule.put("for", forDuration);
            rule.put("labels", Map.of("severity", severity, "helpdesk", hd.getMetadata().getName()));
            rule.put("annotations", Map.of("summary", summary, "description", description, "runbook_url", RUNBOOKS + name.toLowerCase()));
            return rule;
        }
    }

    static List<Alert> alerts(HelpDesk hd) {
        String desk = "namespace=\"" + hd.getMetadata().getNamespace() + "\",name=\"" + hd.getMetadata().getName() + "\"";
        String app = "namespace=\"" + hd.getMetadata().getNamespace() + "\",job=\"" + Names.app(hd) + "\"";
        String pods = "namespace=\"" + hd.getMetadata().getNamespace() + "\",job=~\"" + Names.app(hd) + "|" + Names.worker(hd) + "\"";
        String who = "HelpDesk " + hd.getMetadata().getNamespace() + "/" + hd.getMetadata().getName();
        return List.of(
                new Alert("HelpDeskDown", "sum(up{" + app + "}) == 0", "5m", "critical",
                        who + " answers no requests", "No app pod of " + who + " has been scrapeable for 5 minutes."),
                new Alert("HelpDeskDegraded", "max(helpdesk_operator_helpdesk_ready{" + desk + "}) == 0", "15m", "warning",
                        who + " is not Ready", who + " has not been Ready for 15 minutes: {{ $labels.reason }} (kubectl describe hd)."),
                new Alert("MigrationFailed", "max(helpdesk_operator_helpdesk_ready{" + desk + ",reason=\"MigrationFailed\"}) == 0", "1m",
                        "critical", "The migration of " + who + " failed",
                        "The schema migration failed; the previous version keeps serving until it is retried."),
                new Alert("BackupMissing", "min(helpdesk_operator_backup_healthy{" + desk + "}) == 0", "30m", "warning",
                        who + " has no recent backup", "Scheduled backups of " + who + " fail or are late: {{ $labels.reason }}."),
                new Alert("SLABreachRateHigh", "sum(increase(helpdesk_sla_breaches_total{" + pods + "}[1h])) > 10", "15m", "warning",
                        "Many SLA breaches at " + who, "More than 10 SLA targets were breached in the last hour."),
                new Alert("QueueBacklog", "max(helpdesk_jobs_waiting{" + pods + "}) > 1000", "15m", "warning",
                        "The job queue of " + who + " is backing up", "More than 1000 jobs have waited for 15 minutes."),
                new Alert("DeadLetterQueueNotEmpty", "max(helpdesk_jobs_dead_letter{" + pods + "}) > 0", "5m", "warning",
                        "Jobs of " + who + " were dead-lettered", "Jobs failed every retry and wait in the dead-letter queue."),
                new Alert("OperatorReconcileErrors", "max(helpdesk_operator_helpdesk_ready{" + desk + ",reason=\"ReconcileError\"}) == 0",
                        "10m", "warning", "The operator cannot apply " + who, "The operator has failed to reconcile " + who
                        + " for 10 minutes; the message is on the HelpDesk's Ready condition."));
    }

    public static GenericKubernetesResource desired(HelpDesk hd) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withMetadata(Owned.meta(hd, Names.alerts(hd), AppDependents.COMPONENT))
                .withAdditionalProperties(Map.of("spec", Map.of("groups", List.of(Map.of(
                        "name", "helpdesk-" + hd.getMetadata().getName(),
                        "rules", alerts(hd).stream().map(a -> a.rule(hd)).toList())))))
                .build();
    }
}
