package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Real headless Chromium against the app on real PostgreSQL and Redis: a customer signs in and
 * opens a ticket (after a field error), an agent answers with a note and a reply, and the
 * customer sees the reply but not the note. Screenshots of each page: target/screenshots.
 */
@QuarkusTest
class BrowserJourneyTest extends HelpDeskTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void aCustomerOpensATicketAndAnAgentAnswersIt() {
        long org = Api.organization(Api.admin(), Api.unique("Acme"));
        Api.Person customer = Api.person(Api.admin(), "customer", org);
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        firstResponseWithinAnHour(org);
        long id;

        try (Browser b = new Browser(root.toString())) {
            b.open("/");
            assertThat(b.path()).startsWith("/login");
            b.screenshot("sign-in");
            b.type("#email", customer.email()).type("#password", "wrong-password").click("form[action='/login'] button[type=submit]");
            assertThat(b.text("#form-error")).contains("Wrong email or password");

            b.signIn(customer.email(), "password-123");
            b.click("a.button[href='/tickets/new']");
            b.type("#subject", " ").type("#description", "The label printer prints blank labels.").click("form[action='/tickets/new'] button");
            assertThat(b.text("#subject-error")).as("the error is next to its field").isNotBlank();
            assertThat(b.find("#subject").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.find("#description").getAttribute("value")).as("nothing typed is lost").contains("blank labels");
            b.screenshot("new-ticket-with-error");
            b.type("#subject", "Label printer prints blank labels");
            b.find("#files").sendKeys(sampleFile("blank-label.png").toString());
            b.click("form[action='/tickets/new'] button");
            assertThat(b.text("h1")).contains("Label printer prints blank labels");
            assertThat(b.text("article.message ul.files")).as("the file is attached to the ticket").contains("blank-label.png");
            id = Long.parseLong(b.path().replaceAll("\\D", ""));

            b.click("nav a[href='/tickets']");
            assertThat(b.text("#ticket-list")).contains("Label printer prints blank labels");
            b.screenshot("my-tickets");
        }

        try (Browser b = new Browser(root.toString())) {
            b.signIn(agent.email(), "password-123");
            assertThat(b.text(".views a[aria-current=page]")).isEqualTo("My open tickets");
            b.click(".views a[href='/tickets?view=unassigned']");
            assertThat(b.text("#ticket-list")).contains("Label printer prints blank labels");
            b.screenshot("queue-unassigned");
            b.click("#ticket-list a[href='/tickets/" + id + "']");
            assertThat(b.text("#sla-targets li[data-metric=first_response]")).contains("active");
            assertThat(b.text("article.message ul.files")).as("agents see the customer's file").contains("blank-label.png");
            new org.openqa.selenium.support.ui.Select(b.find("#assignee")).selectByValue("me");
            b.click("form[action$='/update'] button");
            assertThat(b.text("#assignee option[value=keep]")).startsWith("me");
            b.click("nav a[href='/tickets']");
            assertThat(b.text("#ticket-list")).as("now under My open tickets").contains("Label printer prints blank labels");
            b.open("/tickets/" + id);
            b.type("#body", "Firmware 2.1 has this bug; check the version first.").click("#internal").click("form[action$='/comments'] button");
            b.type("#body", "We are sending a technician this afternoon.").click("form[action$='/comments'] button");
            assertThat(b.driver.findElements(By.cssSelector("article.note"))).hasSize(1);
            assertThat(b.driver.findElements(By.cssSelector("article.reply"))).hasSize(1);
            assertThat(b.text("#sla-targets li[data-metric=first_response]")).as("the public reply was the first response").contains("met");
            b.screenshot("ticket-agent");
        }

        try (Browser b = new Browser(root.toString())) {
            b.signIn(customer.email(), "password-123");
            b.open("/tickets/" + id);
            assertThat(b.text("main")).contains("We are sending a technician this afternoon.").doesNotContain("Firmware 2.1");
            assertThat(b.driver.findElements(By.cssSelector("#internal"))).as("customers cannot write notes").isEmpty();
            b.screenshot("ticket-customer");
            b.click("nav form[action='/logout'] button");
            // the click returns before the browser has followed the redirect: wait for it
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(10))
                    .until(d -> b.path().startsWith("/login"));
        }
    }

    /** A PNG on disk for the browser's file chooser. */
    private static java.nio.file.Path sampleFile(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "browser-uploads"));
            return java.nio.file.Files.write(dir.resolve(name), dev.helpdesk.app.testing.SampleFiles.PNG).toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An SLA policy for this organization only (first in order), so other tests' tickets are not affected. */
    private static void firstResponseWithinAnHour(long org) {
        long calendar = Api.alwaysOpenCalendar(Api.admin());
        Api.as(Api.admin()).body(java.util.Map.of("name", Api.unique("Acme"), "position", 0, "calendarId", calendar,
                "conditions", java.util.Map.of("organizationIds", java.util.List.of(org)),
                "targets", java.util.Map.of("normal", java.util.Map.of("first_response", java.util.Map.of("minutes", 60)))))
                .post("/api/v1/sla-policies").then().statusCode(201);
    }
}
