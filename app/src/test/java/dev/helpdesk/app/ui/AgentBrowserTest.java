package dev.helpdesk.app.ui;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * In a real browser: an agent selects tickets in the queue and assigns them at once (keyboard
 * only), and the pages fit a phone's screen without sideways scrolling.
 */
@QuarkusTest
class AgentBrowserTest extends HelpDeskTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void anAgentAssignsSelectedTicketsToAColleagueWithTheKeyboard() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        Api.Person colleague = Api.person(admin, "agent", null);
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        String tag = Api.unique("bulk").toLowerCase();
        long first = Api.ticket(agent.token(), Map.of("subject", "Printer offline " + tag, "description", "d", "requesterId", customer.id(),
                "tags", List.of(tag)));
        long second = Api.ticket(agent.token(), Map.of("subject", "Scanner offline " + tag, "description", "d", "requesterId", customer.id(),
                "tags", List.of(tag)));
        try (Browser b = new Browser(root.toString())) {
            b.signIn(agent.email(), "password-123");
            b.open("/tickets?view=unassigned&q=" + tag);
            for (var link : b.driver.findElements(org.openqa.selenium.By.cssSelector(".views a"))) {
                assertThat(contrastOnWhite(link.getCssValue("color"))).as("contrast of the view link '%s'", link.getText())
                        .isGreaterThanOrEqualTo(4.5);
            }
            b.find("input[name=ids][value='" + first + "']").sendKeys(" "); // space ticks a focused checkbox
            b.find("input[name=ids][value='" + second + "']").sendKeys(" ");
            new Select(b.find("#bulk-assignee")).selectByValue(Long.toString(colleague.id()));
            new Select(b.find("#bulk-status")).selectByValue("pending");
            b.screenshot("queue-bulk");
            b.find("#bulk-form button").sendKeys(org.openqa.selenium.Keys.ENTER);
            assertThat(b.text("#bulk-result")).isEqualTo("Changed 2 tickets.");
        }
        for (long id : new long[] {first, second}) {
            as(agent.token()).get("/api/v1/tickets/" + id).then().body("assigneeId", org.hamcrest.Matchers.equalTo((int) colleague.id()))
                    .body("status", org.hamcrest.Matchers.equalTo("pending"));
        }
    }

    @Test
    void thePagesFitAPhoneScreen() {
        String admin = Api.admin();
        Api.Person agent = Api.person(admin, "agent", null);
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long id = Api.ticket(customer.token(), "A rather long subject line that a phone has to wrap somewhere sensible");
        Api.ticket(customer.token(), "Unbroken:" + "x".repeat(120)); // pasted paths and hashes have no spaces to wrap at
        try (Browser b = new Browser(root.toString())) {
            b.driver.manage().window().setSize(new Dimension(390, 844));
            b.open("/login");
            assertNoSidewaysScroll(b, "/login");
            b.signIn(agent.email(), "password-123");
            for (String page : List.of("/tickets?view=all", "/tickets/" + id, "/tickets/new")) {
                b.open(page);
                b.find("main h1");
                assertNoSidewaysScroll(b, page);
            }
            b.open("/tickets/" + id);
            b.screenshot("phone-ticket");
        }
    }

    /** WCAG contrast ratio of a CSS color (rgb/rgba) against the white page. */
    private static double contrastOnWhite(String css) {
        String[] c = css.replaceAll("[^0-9,.]", "").split(",");
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(c[i]) / 255;
            rgb[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        double l = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        return 1.05 / (l + 0.05);
    }

    private static void assertNoSidewaysScroll(Browser b, String page) {
        Object overflow = ((JavascriptExecutor) b.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("%s scrolls sideways on a phone by", page).isLessThanOrEqualTo(0);
    }
}
