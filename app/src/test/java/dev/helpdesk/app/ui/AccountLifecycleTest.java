package dev.helpdesk.app.ui;

import static dev.helpdesk.app.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.GreenMailResource;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The account lifecycle by email, through the worker and a real SMTP server: forgot-password,
 * invitations and self-registration with a confirmed address — single-use, expiring links, and
 * the same answer whether or not an address has an account.
 */
@QuarkusTest
@TestProfile(AccountLifecycleTest.WithMailAndSignUp.class)
class AccountLifecycleTest extends HelpDeskTest {
    public static class WithMailAndSignUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helpdesk.worker.in-process", "true", "WORKER_BACKOFF_MS", "300",
                    "HELPDESK_PUBLIC_URL", "https://desk.example.com");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GreenMailResource.class));
        }
    }

    private static final Pattern LINK = Pattern.compile("https://desk\\.example\\.com(/[a-z-]+\\?token=[A-Za-z0-9_-]{43})");

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The path and query of the link in the newest mail to the address (waits for it). */
    private static String linkIn(String address, int mails) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() >= mails);
        MimeMessage m = mailTo(address).get(mails - 1);
        String text = text(m);
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link to HELPDESK_PUBLIC_URL in: " + text).isTrue();
        return link.group(1);
    }

    /** The decoded text of a mail (its first text part when it has an HTML alternative). */
    private static String text(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multi) {
            return text(multi.getBodyPart(0));
        }
        return content.toString();
    }

    private static Response post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void aForgottenPasswordIsResetOnceThroughTheEmailedLinkAndEveryOldSessionEnds() throws Exception {
        Api.Person customer = Api.person(Api.admin(), "customer", null);
        String unknown = Api.unique("nobody") + "@test.example";
        Response known = post("/api/v1/auth/password-reset", Map.of("email", customer.email()));
        Response nobody = post("/api/v1/auth/password-reset", Map.of("email", unknown));
        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(nobody.statusCode()).isEqualTo(202);
        assertThat(nobody.asString()).as("the same answer whether or not the address has an account").isEqualTo(known.asString());

        String path = linkIn(customer.email(), 1);
        assertThat(mailTo(customer.email()).get(0).getSubject()).isEqualTo("Reset your HelpDesk password");
        String token = path.substring(path.indexOf("token=") + 6);

        // the web page: the link's GET only shows the form; a short password is refused next to its field
        WebClient browser = new WebClient();
        Response form = browser.get(path);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.asString()).contains("Choose a new password");
        Response tooShort = browser.post("/set-password", Map.of("link", token, "password", "short", "confirm", "short", "_csrf", browser.token()));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.asString()).contains("id=\"password-error\"");
        Response differ = browser.post("/set-password", Map.of("link", token, "password", "a brand new one", "confirm", "a brand new two",
                "_csrf", browser.token()));
        assertThat(differ.asString()).contains("The two passwords differ.");
        Response done = browser.post("/set-password", Map.of("link", token, "password", "a brand new one", "confirm", "a brand new one",
                "_csrf", browser.token()));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).endsWith("/tickets");
        assertThat(browser.get("/tickets").statusCode()).as("signed in by setting the password").isEqualTo(200);

        as(customer.token()).get("/api/v1/users/me").then().statusCode(401); // the old session ended with the reset
        Api.login(customer.email(), "a brand new one");
        post("/api/v1/auth/set-password", Map.of("token", token, "password", "another password")).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("token"));
        assertThat(new WebClient().get(path).asString()).as("a used link says so").contains("This link does not work");
    }

    @Test
    void anInvitedAgentChoosesTheirPasswordAndSignsIn() throws Exception {
        String admin = Api.admin();
        String email = Api.unique("invited") + "@test.example";
        long id = as(admin).body(Map.of("email", email, "name", "Invited Agent", "role", "agent")).post("/api/v1/users")
                .then().statusCode(201).extract().<Number>path("id").longValue();
        Api.problem(as(Api.person(admin, "agent", null).token()).post("/api/v1/users/" + id + "/invitation").then(), 403, "forbidden");
        as(admin).post("/api/v1/users/" + id + "/invitation").then().statusCode(202);
        String path = linkIn(email, 1);
        assertThat(mailTo(email).get(0).getSubject()).isEqualTo("You are invited to HelpDesk");
        assertThat(new WebClient().get(path).asString()).contains("Welcome — choose your password");
        post("/api/v1/auth/set-password", Map.of("token", path.substring(path.indexOf("token=") + 6), "password", "my own passphrase"))
                .then().statusCode(200).body("user.email", org.hamcrest.Matchers.equalToIgnoringCase(email));
        Api.login(email, "my own passphrase");
    }

    @Test
    void aCustomerWhoSignsUpCanSignInOnlyAfterConfirmingTheAddress() throws Exception {
        String email = Api.unique("signup") + "@test.example";
        WebClient browser = new WebClient();
        assertThat(browser.get("/login").asString()).contains("href=\"/register\"");
        browser.get("/register");
        Response bad = browser.post("/register", Map.of("email", "not-an-address", "name", "Sam", "password", "long enough pass",
                "_csrf", browser.token()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("id=\"email-error\"").contains("value=\"Sam\"");
        Response ok = browser.post("/register", Map.of("email", email, "name", "Sam Signup", "password", "long enough pass",
                "_csrf", browser.token()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.asString()).contains("Check your email");
        post("/api/v1/auth/login", Map.of("email", email, "password", "long enough pass")).then().statusCode(401);

        String path = linkIn(email, 1);
        assertThat(path).startsWith("/verify-email?token=");
        Response page = browser.get(path);
        assertThat(page.asString()).as("opening the link only shows a button").contains("Confirm and sign in");
        Response confirmed = browser.post("/verify-email", Map.of("link", path.substring(path.indexOf("token=") + 6), "_csrf", browser.token()));
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(browser.get("/tickets").asString()).contains("My tickets");
        String token = Api.login(email, "long enough pass");
        as(token).get("/api/v1/users/me").then().body("role", org.hamcrest.Matchers.equalTo("customer"));

        // an address that already has an account gets no mail and no second account; the answer is the same
        int before = mailTo(email).size();
        post("/api/v1/auth/register", Map.of("email", email, "name", "Squatter", "password", "another password")).then().statusCode(202);
        Thread.sleep(1500);
        assertThat(mailTo(email)).hasSize(before);
        Api.login(email, "long enough pass");
    }

    @Test
    void linksMayNotBeForgedAndFormsNeedTheirToken() {
        post("/api/v1/auth/set-password", Map.of("token", "x".repeat(43), "password", "whatever it is")).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("token"));
        post("/api/v1/auth/verify-email", Map.of("token", "y".repeat(43))).then().statusCode(400);
        assertThat(new WebClient().get("/set-password?token=" + "x".repeat(43)).statusCode()).isEqualTo(400);
        WebClient browser = new WebClient();
        browser.get("/forgot-password");
        assertThat(browser.post("/forgot-password", Map.of("email", "someone@test.example")).statusCode()).as("no form token").isEqualTo(403);
        assertThat(browser.post("/forgot-password", Map.of("email", "someone@test.example", "_csrf", browser.token())).asString())
                .contains("If an account uses this address");
    }
}
