package dev.helpdesk.app.sla;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A ticket's SLA as the API shows it: the policy that applies and the state of each clock. */
public record SlaView(long policyId, String policyName, List<SlaState> targets) {

    /** The earliest deadline still counting (null when every clock is met, breached, paused or unknown): what scans look for. */
    public Instant nextDue() {
        return targets.stream().filter(SlaState::pending).map(SlaState::due).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }
}
