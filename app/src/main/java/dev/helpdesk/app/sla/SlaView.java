package dev.helpdesk.app.sla;

import java.util.List;

/** A ticket's SLA as the API shows it: the policy that applies and the state of each clock. */
public record SlaView(long policyId, String policyName, List<SlaState> targets) {}
