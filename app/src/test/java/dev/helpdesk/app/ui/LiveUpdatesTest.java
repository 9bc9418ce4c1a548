package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Live updates: an agent's open queue shows a ticket a customer just opened, without a reload;
 * a customer of another organization never hears of it, while hearing of their own.
 */
@QuarkusTest
class LiveUpdatesTest extends HelpDeskTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void theAgentsQueueShowsANewTicketWithoutAReload() {
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        Api.Person customer = Api.person(Api.admin(), "customer", Api.organization(Api.admin(), Api.unique("org")));
        try (Browser b = new Browser(root.toString())) {
            b.signIn(agent.email(), "password-123");
            b.open("/tickets?view=unassigned");
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("window.loadedOnce = 'yes';");
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) b.driver)
                    .executeScript("return !!document.getElementById('ticket-area')")));
            EventStream.settle();

            String subject = "Live " + Api.unique("ticket");
            long sent = System.nanoTime();
            Api.ticket(customer.token(), subject);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> b.driver.findElement(org.openqa.selenium.By.id("ticket-area")).getText().contains(subject));
            System.out.printf("live update: the new ticket appeared in the agent's queue %d ms after it was created%n",
                    Duration.ofNanos(System.nanoTime() - sent).toMillis());
            assertThat(((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("return window.loadedOnce"))
                    .as("the page was not reloaded").isEqualTo("yes");
            b.screenshot("queue-live");
        }
    }

    @Test
    void aCustomerHearsOfTheirOwnTicketsOnly() throws Exception {
        Api.Person mine = Api.person(Api.admin(), "customer", Api.organization(Api.admin(), Api.unique("org")));
        Api.Person other = Api.person(Api.admin(), "customer", Api.organization(Api.admin(), Api.unique("org")));
        WebClient browser = new WebClient().signIn(mine.email(), "password-123");
        try (EventStream stream = EventStream.open(root.toString(), browser.cookies.get("hd_session"))) {
            assertThat(stream.status).isEqualTo(200);
            EventStream.settle();
            long theirs = Api.ticket(other.token(), "Not for you");
            long own = Api.ticket(mine.token(), "For you");
            String first = stream.received.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("their own ticket, not the other organization's").isEqualTo(Long.toString(own));
            assertThat(stream.received.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(stream.received).doesNotContain(Long.toString(theirs));
        }

        WebClient signedOut = new WebClient();
        assertThat(signedOut.request().accept("text/event-stream").get("/events").statusCode()).isEqualTo(401);
    }

    @Test
    void whileRedisIsDownTheStreamIsRefusedSoThePagePollsAndAfterwardsItIsLiveAgain() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.helpdesk.app.testing.RealServers.redisControllable(), "needs the embedded Redis");
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        WebClient browser = new WebClient().signIn(agent.email(), "password-123");
        dev.helpdesk.app.testing.RealServers.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                try (EventStream stream = EventStream.open(root.toString(), browser.cookies.get("hd_session"))) {
                    assertThat(stream.status).as("a stream that would hear nothing is refused").isEqualTo(503);
                }
            });
        } finally {
            dev.helpdesk.app.testing.RealServers.startRedis();
        }
        // Lettuce reconnects and subscribes again by itself: the stream is accepted and hears changes again
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (EventStream stream = EventStream.open(root.toString(), browser.cookies.get("hd_session"))) {
                assertThat(stream.status).isEqualTo(200);
                EventStream.settle();
                long id = Api.ticket(agent.token(), "After the outage");
                assertThat(stream.received.poll(5, TimeUnit.SECONDS)).isEqualTo(Long.toString(id));
            }
        });
    }
}
