package dev.helpdesk.operator.reconciler;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * With more than one operator replica only the holder of the Lease {@value #LEASE} reconciles; the
 * others wait to take over. Active in the prod profile (quarkus-operator-sdk's default), so tests
 * and dev mode run without a Lease.
 *
 * <p>JOSDK 5.1 exits from inside the JVM's shutdown hook when leadership ends, which hangs the
 * shutdown until SIGKILL and never releases the Lease (JOSDK #3376). So JOSDK is told not to exit;
 * instead: leadership lost while running → the process exits (a restarted pod becomes a standby;
 * no two instances reconcile), and on shutdown the Lease is released once the operator stopped, so
 * a standby takes over within its retry period instead of waiting out the lease.
 */
@ApplicationScoped
public class LeaderElection {
    public static final String LEASE = "helpdesk-operator-leader";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private final String identity = Optional.ofNullable(System.getenv("POD_NAME")).orElse("helpdesk-operator") + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean shuttingDown;
    private volatile boolean led;

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection() {
        return new LeaderElectionConfiguration(LEASE, null, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                identity, new LeaderCallbacks(this::startedLeading, this::stoppedLeading, leader -> { }), false);
    }

    public String identity() {
        return identity;
    }

    private void startedLeading() {
        led = true;
        LOG.infof("leading as %s (Lease %s)", identity, LEASE);
    }

    private void stoppedLeading() {
        if (shuttingDown) {
            return; // the operator is stopping anyway; the Lease is released after it stopped
        }
        LOG.errorf("lost the Lease %s; exiting so that only the new leader reconciles", LEASE);
        Quarkus.asyncExit(1);
    }

    // before quarkus-operator-sdk stops the operator (its observer has the default priority)
    void beforeStop(@Observes @Priority(1000) ShutdownEvent event) {
        shuttingDown = true;
    }

    // after the operator stopped: no reconcile runs any more, so handing over cannot make two leaders
    void afterStop(@Observes @Priority(5000) ShutdownEvent event, KubernetesClient client) {
        if (led) {
            release(client);
        }
    }

    /** Empties the Lease if this instance still holds it (what client-go's ReleaseOnCancel does). */
    void release(KubernetesClient client) {
        try {
            String namespace = client.getNamespace() == null ? "default" : client.getNamespace();
            var resource = client.leases().inNamespace(namespace).withName(LEASE);
            Lease lease = resource.get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now());
            resource.lockResourceVersion(lease.getMetadata().getResourceVersion()).replace(lease);
            LOG.infof("released the Lease %s", LEASE);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not release the Lease %s (a standby takes over when it expires): %s", LEASE, e.getMessage());
        }
    }
}
