package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two operator instances on a real API server: SIGTERM to the leader ends it within 10 s and hands
 * the Lease over, so the standby leads at once and reconciles; a leader that loses its Lease exits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionE2E extends E2ESupport {
    private static OperatorProcess first;
    private static OperatorProcess second;

    @Test
    @Order(1)
    void sigtermEndsTheLeaderQuicklyAndTheStandbyTakesOver() {
        first = startOperator("first").awaitStarted();
        assertThat(awaitLeader()).isSameAs(first);
        second = startOperator("second").awaitStarted();

        Duration stopped = first.stop(Duration.ofSeconds(30));
        assertThat(stopped).as("exit after SIGTERM").isLessThan(Duration.ofSeconds(10));
        assertThat(first.logText()).contains("released the Lease");
        // without the release the standby would wait out the 15 s lease
        assertThat(awaitLeader(Duration.ofSeconds(8))).isSameAs(second);

        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec: {version: "1.0.0"}
                """);
        awaitReady("support");
    }

    @Test
    @Order(2)
    void aLeaderThatLosesItsLeaseStopsWorkingAndExits() {
        // another holder took the Lease (as after a partition longer than the renew deadline); the leader renews it every
        // few seconds, so an edit can meet a newer version: try again, as another elector would
        eventually("Lease taken over", Duration.ofSeconds(20), () -> client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).edit(l -> {
            l.getSpec().setHolderIdentity("someone-else");
            l.getSpec().setLeaseDurationSeconds(60);
            l.getSpec().setRenewTime(ZonedDateTime.now());
            return l;
        }));
        eventually("the second operator exited", Duration.ofSeconds(30), () -> assertThat(second.isAlive()).isFalse());
        assertThat(second.exitCode()).hasValue(1);
        assertThat(second.logText()).contains("lost the Lease");
        // hand the Lease back for the classes that follow
        client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).edit(l -> {
            l.getSpec().setHolderIdentity(null);
            l.getSpec().setLeaseDurationSeconds(1);
            return l;
        });
    }
}
