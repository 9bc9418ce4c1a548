package dev.helpdesk.app.notify;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.queue.Job;
import dev.helpdesk.app.queue.OutboxRelay;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.GreenMailResource;
import dev.helpdesk.app.testing.HelpDeskTest;
import dev.helpdesk.app.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ticket events → outbox → Redis queue → worker → SMTP, with the failures in between. */
@QuarkusTest
@TestProfile(NotificationFlowTest.WithMailAndWorker.class)
class NotificationFlowTest extends HelpDeskTest {
    public static class WithMailAndWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helpdesk.worker.in-process", "true", "WORKER_BACKOFF_MS", "300", "WORKER_MAX_ATTEMPTS", "10",
                    "WORKER_CONCURRENCY", "2");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GreenMailResource.class));
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    NotificationHandler handler;

    Api.Person agent;
    Api.Person customer;

    @BeforeEach
    void people() {
        String admin = Api.admin();
        agent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", null);
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void creatingAndRepliesEmailTheRightPeopleInOneThread() throws Exception {
        long t = Api.ticket(customer.token(), "Printer jams");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(customer.email()).size() == 1);
        MimeMessage received = mailTo(customer.email()).get(0);
        assertThat(received.getSubject()).isEqualTo("Received: [#" + t + "] Printer jams");
        assertThat(received.getHeader("References")[0]).isEqualTo("<ticket-" + t + "@helpdesk>");
        assertThat(received.getFrom()[0].toString()).isEqualTo("support@helpdesk.test");

        as(agent.token()).body(Map.of("assigneeId", agent.id())).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent.token()).body(Map.of("body", "internal only", "public", false)).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).body(Map.of("body", "Try turning it off and on")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(customer.token()).body(Map.of("body", "Still jams")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(customer.email()).size() == 2 && mailTo(agent.email()).size() == 2);
        assertThat(subject(mailTo(customer.email()).get(1))).isEqualTo("Re: [#" + t + "] Printer jams");
        assertThat(mailTo(agent.email())).extracting(NotificationFlowTest::subject)
                .containsExactlyInAnyOrder("Assigned to you: [#" + t + "] Printer jams", "Customer replied: [#" + t + "] Printer jams");
        Thread.sleep(1500);
        assertThat(mailTo(customer.email())).as("no email for the internal note, none twice").hasSize(2);
    }

    @Test
    void aJobRunTwiceSendsOneEmail() {
        long t = Api.ticket(agent.token(), Map.of("subject", "Twice", "description", "d", "requesterId", customer.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(customer.email()).size() == 1);
        Job again = new Job("direct-" + t, Notifications.TICKET_CREATED, Map.of("ticketId", Long.toString(t)), 1);
        handler.handle(again);
        handler.handle(again);
        await().atMost(Duration.ofSeconds(5)).until(() -> mailTo(customer.email()).size() == 2);
        assertThat(mailTo(customer.email())).hasSize(2);
    }

    @Inject
    javax.sql.DataSource dataSource;

    private void sql(String statement, Object... params) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void aRetryAfterAPartlyFailedJobDoesNotResendWhatWasSent() throws Exception {
        String admin = Api.admin();
        Api.Person second = Api.person(admin, "agent", null);
        long group = as(admin).body(Map.of("name", Api.unique("Team"))).post("/api/v1/groups").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        as(admin).put("/api/v1/groups/" + group + "/members/" + agent.id()).then().statusCode(200);
        as(admin).put("/api/v1/groups/" + group + "/members/" + second.id()).then().statusCode(200);
        long t = Api.ticket(agent.token(), Map.of("subject", "Breach for a team", "description", "d", "groupId", group));
        // the second member's address cannot be sent to: every attempt of the job fails on that email
        sql("UPDATE users SET email = ? WHERE id = ?", "not an address@@", second.id());
        Job breach = new Job("sla-test-" + t, Notifications.SLA_BREACH, Map.of("ticketId", Long.toString(t), "metric", "first_response",
                "due", "2026-12-01T10:00:00Z"), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(breach));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(breach)); // the worker's retry
        await().atMost(Duration.ofSeconds(5)).until(() -> mailTo(agent.email()).stream().anyMatch(m -> subject(m).startsWith("SLA breached")));
        sql("UPDATE users SET email = ? WHERE id = ?", second.email(), second.id());
        handler.handle(breach);
        await().atMost(Duration.ofSeconds(5)).until(() -> mailTo(second.email()).size() == 1);
        Thread.sleep(500);
        List<MimeMessage> first = mailTo(agent.email()).stream().filter(m -> subject(m).startsWith("SLA breached")).toList();
        assertThat(first).as("three attempts, one email to the member it reached the first time").hasSize(1);
        assertThat(first.get(0).getHeader("Message-ID")[0]).startsWith("<sla-test-" + t + ".").endsWith("@helpdesk.test>");
        assertThat(mailTo(second.email()).get(0).getHeader("Message-ID")[0]).isNotEqualTo(first.get(0).getHeader("Message-ID")[0]);
    }

    @Test
    void whileSmtpIsDownEmailsAreRetriedAndDeliveredOnceItReturns() throws Exception {
        GreenMailResource.stopMail();
        long t;
        try {
            t = Api.ticket(customer.token(), "Sent later");
            Thread.sleep(2000); // a few attempts fail meanwhile
        } finally {
            GreenMailResource.startMail();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(customer.email()).size() == 1);
        assertThat(subject(mailTo(customer.email()).get(0))).isEqualTo("Received: [#" + t + "] Sent later");
        Thread.sleep(1000);
        assertThat(mailTo(customer.email())).hasSize(1);
    }

    @Test
    void whileRedisIsDownTicketsAreStillCreatedAndTheirJobsWaitInTheOutbox() throws Exception {
        RealServers.stopRedis();
        long t;
        try {
            t = Api.ticket(customer.token(), "Created without Redis");
            Thread.sleep(1500);
            assertThat(relay.waiting()).isPositive();
        } finally {
            RealServers.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.waiting() == 0 && mailTo(customer.email()).size() == 1);
        assertThat(subject(mailTo(customer.email()).get(0))).contains("[#" + t + "]");
    }
}
