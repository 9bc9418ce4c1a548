package dev.helpdesk.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * With more than one operator replica only the holder of this Lease reconciles; the others wait
 * to take over. Active in the prod profile (quarkus-operator-sdk's default), so tests and dev mode
 * run without a Lease.
 */
public class LeaderElection {
    public static final String LEASE = "helpdesk-operator-leader";

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection() {
        return new LeaderElectionConfiguration(LEASE);
    }
}
