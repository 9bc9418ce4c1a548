package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web pages over HTTP: signing in and out, cookies, CSRF on every form, the same permissions as the API. */
@QuarkusTest
class WebPagesTest extends HelpDeskTest {

    private static Api.Person customer() {
        return Api.person(Api.admin(), "customer", Api.organization(Api.admin(), Api.unique("org")));
    }

    @Test
    void theRootSendsABrowserToSignInAndSignedInToTheTickets() {
        WebClient browser = new WebClient();
        assertThat(browser.get("/").header("Location")).endsWith("/login");
        assertThat(browser.get("/tickets").header("Location")).endsWith("/login?next=/tickets");
        Api.Person c = customer();
        browser.signIn(c.email(), "password-123");
        assertThat(browser.get("/").header("Location")).endsWith("/tickets");
        assertThat(browser.get("/tickets").asString()).contains("My tickets", c.email());
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndNotReadableByTheApi() {
        Api.Person c = customer();
        WebClient browser = new WebClient();
        Response form = browser.get("/login");
        Cookie loginToken = form.getDetailedCookie("hd_login_csrf");
        assertThat(loginToken.isHttpOnly()).isTrue();
        assertThat(loginToken.getSameSite()).isEqualTo("Strict");
        Response signedIn = browser.post("/login", Map.of("email", c.email(), "password", "password-123", "_csrf", browser.token()));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        Cookie session = signedIn.getDetailedCookie("hd_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecured()).as("plain HTTP from a client, not a trusted proxy").isFalse();
        assertThat(form.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(new WebClient().request().header("X-Forwarded-Proto", "https").get("/login").getDetailedCookie("hd_login_csrf").isSecured())
                .as("a client's own X-Forwarded-Proto is not believed (no trusted proxy here)").isFalse();

        // the API takes bearer tokens only: a cookie there would let any web page act as the user
        assertThat(browser.request().get("/api/v1/tickets").statusCode()).isEqualTo(401);
    }

    @Test
    void everyFormNeedsTheTokenOfThePageItCameFrom() {
        Api.Person c = customer();
        WebClient browser = new WebClient();
        browser.get("/login");
        assertThat(browser.post("/login", Map.of("email", c.email(), "password", "password-123")).statusCode())
                .as("sign-in without the token").isEqualTo(403);
        assertThat(browser.post("/login", Map.of("email", c.email(), "password", "password-123", "_csrf", "forged")).statusCode())
                .isEqualTo(403);
        browser.signIn(c.email(), "password-123");

        Map<String, String> ticket = new HashMap<>(Map.of("subject", "Forged", "description", "from another site", "priority", "low"));
        Response refused = browser.post("/tickets/new", ticket);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("The form has expired");
        ticket.put("_csrf", "x".repeat(43));
        assertThat(browser.post("/tickets/new", ticket).statusCode()).isEqualTo(403);
        assertThat(browser.get("/tickets").asString()).as("nothing was created").doesNotContain("Forged");
        assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(403);

        ticket.put("_csrf", browser.token());
        Response created = browser.post("/tickets/new", ticket);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(browser.get(created.header("Location").replaceFirst("^https?://[^/]+", "")).asString()).contains("Forged");
    }

    @Test
    void badInputIsShownNextToItsFieldAndKept() {
        Api.Person c = customer();
        WebClient browser = new WebClient().signIn(c.email(), "password-123");
        browser.get("/tickets/new");
        Response r = browser.post("/tickets/new", Map.of("subject", "  ", "description", "It keeps jamming", "priority", "whenever",
                "_csrf", browser.token()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"subject-error\"", "id=\"priority-error\"", "Choose low, normal, high or urgent.")
                .contains("It keeps jamming").doesNotContain("id=\"description-error\"");

        browser.get("/login");
        Response wrong = new WebClient().signIn(c.email(), "password-123").post("/login", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(403);
        WebClient stranger = new WebClient();
        stranger.get("/login");
        Response blank = stranger.post("/login", Map.of("email", "", "password", "", "_csrf", stranger.token()));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.asString()).contains("Enter your email address.", "Enter your password.");
        Response bad = stranger.post("/login", Map.of("email", c.email(), "password", "not-it", "_csrf", stranger.token()));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.asString()).contains("Wrong email or password").contains("value=\"" + c.email() + "\"");
    }

    @Test
    void aCustomerCannotOpenAnotherOrganizationsTicketByUrl() {
        Api.Person mine = customer();
        Api.Person other = customer();
        long theirs = Api.ticket(other.token(), "Their printer");
        WebClient browser = new WebClient().signIn(mine.email(), "password-123");
        Response r = browser.get("/tickets/" + theirs);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.asString()).doesNotContain("Their printer");
        browser.get("/tickets");
        Response reply = browser.post("/tickets/" + theirs + "/comments", Map.of("body", "mine now", "_csrf", browser.token()));
        assertThat(reply.statusCode()).isEqualTo(404);
    }

    @Test
    void customersSeeRepliesButNotInternalNotes() {
        Api.Person c = customer();
        long id = Api.ticket(c.token(), "Screen flickers");
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        WebClient agentBrowser = new WebClient().signIn(agent.email(), "password-123");
        agentBrowser.get("/tickets/" + id);
        assertThat(agentBrowser.post("/tickets/" + id + "/comments", Map.of("body", "Probably the cable", "internal", "on",
                "_csrf", agentBrowser.token())).statusCode()).isEqualTo(303);
        assertThat(agentBrowser.post("/tickets/" + id + "/comments", Map.of("body", "We will swap the cable today",
                "_csrf", agentBrowser.token())).statusCode()).isEqualTo(303);
        assertThat(agentBrowser.get("/tickets/" + id).asString()).contains("Probably the cable", "internal note", "We will swap the cable");

        String customerView = new WebClient().signIn(c.email(), "password-123").get("/tickets/" + id).asString();
        assertThat(customerView).contains("We will swap the cable today").doesNotContain("Probably the cable");
    }

    @Test
    void signingOutEndsTheSessionEverywhere() {
        Api.Person c = customer();
        WebClient browser = new WebClient().signIn(c.email(), "password-123");
        String session = browser.cookies.get("hd_session");
        Response out = browser.post("/logout", Map.of("_csrf", browser.token()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getDetailedCookie("hd_session").getMaxAge()).isZero();
        WebClient replay = new WebClient();
        replay.cookies.put("hd_session", session);
        assertThat(replay.get("/tickets").header("Location")).as("the old cookie is worthless").endsWith("/login?next=/tickets");
    }

    @Test
    void aBrowserAtAnUnknownAddressGetsAPageTheApiAProblem() {
        Response page = new WebClient().request().accept("text/html,application/xhtml+xml").get("/no/such/page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("There is no page at this address.");
        Response api = new WebClient().request().accept("text/html").get("/api/v1/no-such-thing");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aChangeToATicketSomeoneElseChangedMeanwhileIsRefusedAndTheLatestShown() {
        Api.Person c = customer();
        long id = Api.ticket(c.token(), "Projector");
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        WebClient browser = new WebClient().signIn(agent.email(), "password-123");
        String page = browser.get("/tickets/" + id).asString();
        assertThat(page).contains("name=\"version\" value=\"1\"");
        Api.as(agent.token()).body(Map.of("priority", "high")).patch("/api/v1/tickets/" + id).then().statusCode(200);

        Response stale = browser.post("/tickets/" + id + "/update", Map.of("status", "open", "priority", "low", "assignee", "me",
                "version", "1", "_csrf", browser.token()));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.asString()).contains("Someone changed this ticket since you opened it", "selected>high<");
        Response bad = browser.post("/tickets/" + id + "/update", Map.of("assignee", "everyone", "version", "2", "_csrf", browser.token()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("Assignee must be keep, me, none or an agent.");
        assertThat(browser.post("/tickets/" + id + "/update", Map.of("status", "pending", "assignee", "me", "version", "2",
                "_csrf", browser.token())).statusCode()).isEqualTo(303);
        assertThat(Api.as(agent.token()).get("/api/v1/tickets/" + id).then().extract().<String>path("status")).isEqualTo("pending");
    }
}
