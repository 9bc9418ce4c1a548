package dev.helpdesk.app.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.queue.OutboxRelay;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A frozen desk (the operator's pre-upgrade freeze): every write answers 503 problem+json with
 * Retry-After and changes nothing, reads and signing in keep working, the outbox waits; once
 * lifted, everything works as before.
 */
@QuarkusTest
class WriteFreezeTest extends HelpDeskTest {
    @Inject
    WriteFreeze freeze;
    @Inject
    OutboxRelay relay;
    @Inject
    Db db;

    @AfterEach
    void lift() {
        freeze.unfreeze();
    }

    @Test
    void writesAnswer503WithRetryAfterWhileReadsAndSignInKeepWorking() throws Exception {
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        long ticket = Api.ticket(agent.token(), "before the freeze");

        WriteFreeze.Frozen frozen = freeze.freeze("upgrade to 2.0.0");
        assertThat(freeze.freeze("another reason")).as("freezing again keeps the first freeze").isEqualTo(frozen);

        Api.problem(Api.as(agent.token()).body(Map.of("subject", "during the freeze", "description", "d", "priority", "normal"))
                .post("/api/v1/tickets").then(), 503, "writes-frozen")
                .header("Retry-After", "30")
                .body("detail", org.hamcrest.Matchers.containsString("read-only since " + frozen.since()))
                .body("detail", org.hamcrest.Matchers.containsString("upgrade to 2.0.0"));
        Api.problem(Api.as(agent.token()).body(Map.of("priority", "high")).patch("/api/v1/tickets/" + ticket).then(), 503, "writes-frozen");
        Api.as(agent.token()).get("/api/v1/tickets/" + ticket).then().statusCode(200).body("priority", org.hamcrest.Matchers.equalTo("normal"));
        Api.as(agent.token()).get("/api/v1/tickets?q=freeze").then().statusCode(200)
                .body("items.subject", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("during the freeze")));
        assertThat(Api.login(agent.email(), "password-123")).as("signing in stays open").isNotBlank();

        // a job written before the freeze stays in the outbox: a restore of the freeze's backup would bring it back
        db.tx(c -> c.createStatement().executeUpdate("INSERT INTO outbox (type, payload) VALUES ('ticket.created', '{\"ticketId\": "
                + ticket + "}')"));
        Thread.sleep(3_000); // the relay ticks every second
        assertThat(relay.waiting()).isPositive();

        assertThat(freeze.unfreeze()).contains(frozen);
        Api.ticket(agent.token(), "after the freeze");
        long deadline = System.currentTimeMillis() + 10_000;
        while (relay.waiting() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(relay.waiting()).as("the relay publishes again").isZero();
    }

    @Test
    void freezingWaitsForTransactionsBegunBeforeItSoThatADumpAfterItHoldsTheirWrites() throws Exception {
        try (Connection writer = db.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            writer.createStatement().execute("SELECT 1"); // a request's transaction, open when the freeze comes
            freeze.freeze("upgrade to 2.0.0");
            CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return freeze.awaitWritesDrained(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(4_000);
            assertThat(drained).as("still waiting for the open transaction").isNotDone();
            writer.commit();
            assertThat(drained.get(10, TimeUnit.SECONDS)).as("no transaction left open").isZero();

            writer.createStatement().execute("SELECT 1");
            assertThat(freeze.awaitWritesDrained(Duration.ofSeconds(1))).as("a transaction that never ends is reported, not waited for forever")
                    .isEqualTo(1);
            writer.rollback();
        }
    }
}
