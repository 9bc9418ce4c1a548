package dev.helpdesk.app.sla;

/** A policy's goal for one metric at one priority: minutes, counted in business or calendar time. */
public record SlaTarget(SlaMetric metric, long minutes, boolean businessHours) {
    public SlaTarget {
        if (minutes <= 0) {
            throw new IllegalArgumentException("an SLA target must be a positive number of minutes");
        }
    }
}
