package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.freeze.WriteFreeze;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** During an upgrade's write freeze the pages still sign in and show tickets, and a refused form says why in words. */
@QuarkusTest
class WebWriteFreezeTest extends HelpDeskTest {
    @Inject
    WriteFreeze freeze;

    @AfterEach
    void lift() {
        freeze.unfreeze();
    }

    @Test
    void signingInAndReadingWorkAndAFormIsRefusedWithAPage() {
        Api.Person c = Api.person(Api.admin(), "customer", null);
        long id = Api.ticket(c.token(), "Before the upgrade");
        freeze.freeze("upgrade to 2.0.0");

        WebClient browser = new WebClient().signIn(c.email(), "password-123");
        assertThat(browser.get("/tickets/" + id).asString()).contains("Before the upgrade");
        browser.get("/tickets/new");
        Response refused = browser.post("/tickets/new", Map.of("subject", "During", "description", "d", "_csrf", browser.token()));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.asString()).contains("read-only for a moment", "was not saved");
        assertThat(browser.post("/logout", Map.of("_csrf", browser.token())).statusCode()).isEqualTo(303);
    }
}
