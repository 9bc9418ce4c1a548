package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Where one SLA clock stands: its due time (null while paused or once met), business minutes
 * used, remaining (negative when overrun), and status. {@code unknown} (with a {@code reason})
 * when the clock cannot be computed from the policy's calendar: the ticket still works.
 */
public record SlaState(SlaMetric metric, long targetMinutes, boolean businessHours, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant due,
                       @Schema(nullable = true) Instant stoppedAt, long elapsedMinutes, long remainingMinutes, Status status, @Schema(nullable = true) String reason) {

    public SlaState(SlaMetric metric, long targetMinutes, boolean businessHours, Instant startedAt, Instant due,
                    Instant stoppedAt, long elapsedMinutes, long remainingMinutes, Status status) {
        this(metric, targetMinutes, businessHours, startedAt, due, stoppedAt, elapsedMinutes, remainingMinutes, status, null);
    }

    static SlaState unknown(SlaTarget target, String reason) {
        return new SlaState(target.metric(), target.minutes(), target.businessHours(), null, null, null, 0, target.minutes(),
                Status.UNKNOWN, reason);
    }

    @Schema(name = "SlaStatus")
    public enum Status {
        @JsonProperty("active") ACTIVE,
        @JsonProperty("at_risk") AT_RISK,
        @JsonProperty("paused") PAUSED,
        @JsonProperty("met") MET,
        @JsonProperty("breached") BREACHED,
        @JsonProperty("unknown") UNKNOWN;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** Still counting towards a deadline (the ones an SLA scan looks at). */
    public boolean pending() {
        return status == Status.ACTIVE || status == Status.AT_RISK;
    }
}
