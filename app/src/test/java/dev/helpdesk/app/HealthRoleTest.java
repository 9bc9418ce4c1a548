package dev.helpdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** The health role (a worker probe from the command line) and dead-letter replay, as processes that exit. */
@QuarkusMainTest
@QuarkusTestResource(RealServers.class)
class HealthRoleTest {

    @Test
    void healthPrintsTheQueueAndExitsZeroWhileRedisAnswersThenOneWhenItDoesNot(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult ok = launcher.launch("health");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.getOutput()).contains("\"status\":\"healthy\"").contains("\"queue\":{\"name\":").contains("\"deadLetter\":0")
                .contains("\"redis\":{\"connected\":true}");

        RealServers.stopRedis();
        try {
            LaunchResult down = launcher.launch("health");
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.getOutput()).contains("\"status\":\"unhealthy\"").contains("\"connected\":false");
        } finally {
            RealServers.startRedis();
        }

        LaunchResult replay = launcher.launch("dlq-replay");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.getOutput()).contains("{\"replayed\":0}");
    }
}
