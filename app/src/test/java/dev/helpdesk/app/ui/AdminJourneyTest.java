package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * Real headless Chromium: an admin sets the desk up in the browser — an organization, a customer in
 * it, a group, a business calendar and an SLA policy for that organization (after a field error) —
 * the customer opens a ticket, and the admin finds "SLA: <policy>" on it and the report's chart.
 * Screenshots of every admin page: target/screenshots/admin-*.png.
 */
@QuarkusTest
class AdminJourneyTest extends HelpDeskTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdminSetsUpAnSlaPolicyInTheBrowserAndTheNextTicketGetsIt() {
        String org = Api.unique("Globex");
        String customerEmail = Api.unique("dana").toLowerCase() + "@globex.example";
        String policy = Api.unique("Globex priority support");

        try (Browser b = new Browser(root.toString())) {
            b.signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
            b.click("nav a[href='/admin']");
            assertThat(b.text("h1")).isEqualTo("Admin");
            shot(b, "admin-hub");

            b.click("a[href='/admin/organizations']");
            b.type("#name", org).type("#domain", "globex.example").click("form[action='/admin/organizations'] button");
            assertThat(b.text("#created")).startsWith("Organization “").endsWith("created.");
            assertThat(b.text("#created")).as("the list is oldest first: the notice names the new one").contains(org);
            shot(b, "admin-organizations");

            b.open("/admin/users");
            b.type("#email", customerEmail).type("#name", "Dana Globex").type("#password", "dana-password-1");
            new Select(b.find("#role")).selectByValue("customer");
            new Select(b.find("#organizationId")).selectByVisibleText(org);
            b.click("form[method=post][action='/admin/users'] button");
            assertThat(b.text("#created")).contains(customerEmail);
            shot(b, "admin-users");

            b.open("/admin/groups");
            b.type("#name", Api.unique("Second line")).click("form[action='/admin/groups'] button");
            assertThat(b.text("#created")).contains("Group created");
            shot(b, "admin-groups");

            b.open("/admin/calendars");
            b.type("#name", Api.unique("Berlin office")).type("#timeZone", "Europe/Berlin").type("#holidays", "2026-12-24\n2026-12-25");
            b.click("form[action='/admin/calendars'] button");
            assertThat(b.text("#created")).contains("Berlin office");
            assertThat(b.text("#calendar-list")).contains("monday 09:00–17:00", "2026-12-25");
            shot(b, "admin-calendars");

            b.open("/admin/sla-policies");
            b.type("#position", "0").type("input[name='targets.normal.first_response']", "240")
                    .type("input[name='targets.normal.resolution']", "seven days");
            new Select(b.find("#organizations")).selectByVisibleText(org);
            b.click("form[action='/admin/sla-policies'] button");
            assertThat(b.text("#name-error")).as("the error is next to its field").isNotBlank();
            assertThat(b.text("[id='targets.normal.resolution-error']")).contains("whole number");
            assertThat(b.find("input[name='targets.normal.first_response']").getAttribute("value")).as("nothing typed is lost").isEqualTo("240");
            assertThat(new Select(b.find("#organizations")).getFirstSelectedOption().getText()).isEqualTo(org);
            shot(b, "admin-sla-policy-error");
            b.type("#name", policy).type("input[name='targets.normal.resolution']", "2880");
            b.click("form[action='/admin/sla-policies'] button");
            assertThat(b.text("#created")).contains(policy);
            assertThat(b.text("#policy-list")).contains(policy, "organization " + org, "4 h", "2 d");
            shot(b, "admin-sla-policies");

            b.open("/admin/settings");
            assertThat(b.text("main")).contains("HELPDESK_SECRET", "DATABASE_URL").doesNotContain("test-signing-key-that-is-long-enough");
            shot(b, "admin-settings");
        }

        long ticket;
        try (Browser b = new Browser(root.toString())) {
            b.signIn(customerEmail, "dana-password-1");
            b.open("/tickets/new");
            b.type("#subject", "Invoices do not print").type("#description", "Since this morning.").click("form[action='/tickets/new'] button");
            assertThat(b.text("h1")).contains("Invoices do not print");
            ticket = Long.parseLong(b.path().replaceAll("\\D", ""));
            assertThat(b.driver.findElements(By.cssSelector("nav a[href='/admin']"))).as("customers see no Admin link").isEmpty();
        }

        try (Browser b = new Browser(root.toString())) {
            b.signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
            b.open("/tickets/" + ticket);
            assertThat(b.text(".controls h3")).isEqualTo("SLA: " + policy);
            assertThat(b.text("#sla-targets li[data-metric=first_response]")).contains("active");
            shot(b, "admin-ticket-sla");
            b.type("#body", "We are on it: the print server restarts tonight.").click("form[action$='/comments'] button");
            assertThat(b.text("#sla-targets li[data-metric=first_response]")).contains("met");

            b.open("/admin/sla-report");
            assertThat(b.find("#sla-chart").getAttribute("role")).isEqualTo("img");
            assertThat(b.text("#report-table")).contains("first_response");
            assertThat(b.find("#sla-chart rect.bar").getAttribute("width")).as("a bar for the met first response").isNotEqualTo("0");
            shot(b, "admin-sla-report");
        }
    }

    /** The whole page, not only the window: the admin forms are long. */
    private static void shot(Browser b, String name) {
        Dimension window = b.driver.manage().window().getSize();
        int height = b.driver.findElement(By.tagName("body")).getSize().getHeight();
        b.driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), Math.min(height + 160, 4000))));
        b.screenshot(name);
        b.driver.manage().window().setSize(window);
    }
}
