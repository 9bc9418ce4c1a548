package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
            sleepForTheStreamToOpen();

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()).resolve("/events"))
                .header("Cookie", "hd_session=" + browser.cookies.get("hd_session")).header("Accept", "text/event-stream").build();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                stream.body().filter(l -> l.startsWith("data:")).forEach(l -> received.add(l.substring(5).trim()));
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the test closes the stream when it is done
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            sleepForTheStreamToOpen();
            long theirs = Api.ticket(other.token(), "Not for you");
            long own = Api.ticket(mine.token(), "For you");
            String first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("their own ticket, not the other organization's").isEqualTo(Long.toString(own));
            assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(received).doesNotContain(Long.toString(theirs));
        } finally {
            stream.body().close();
        }

        WebClient signedOut = new WebClient();
        assertThat(signedOut.request().accept("text/event-stream").get("/events").statusCode()).isEqualTo(401);
    }

    /** Subscribing happens as the stream opens; give it a moment (events before it are not replayed, by design). */
    private static void sleepForTheStreamToOpen() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
