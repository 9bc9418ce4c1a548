package dev.helpdesk.app.ui;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.SampleFiles.EXE;
import static dev.helpdesk.app.testing.SampleFiles.PNG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Files on the pages: opened with a ticket or a reply, refused before anything is created, shown only to who may see them. */
@QuarkusTest
class WebAttachmentsTest extends HelpDeskTest {
    private static final Pattern FILE_LINK = Pattern.compile("href=\"/attachments/(\\d+)\" download>([^<]+)<");

    @Test
    void aTicketOpenedWithAFileShowsItAndServesItToWhoMaySeeTheTicket() {
        String admin = Api.admin();
        long orgId = Api.organization(admin, Api.unique("Org"));
        Api.Person customer = Api.person(admin, "customer", orgId);
        WebClient browser = new WebClient().signIn(customer.email(), "password-123");
        browser.get("/tickets/new");
        Response created = browser.postWithFiles("/tickets/new", Map.of("subject", "Error dialog", "description", "See the screenshot.",
                "priority", "normal", "_csrf", browser.token()), Map.of("error dialog.png", PNG));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(303);
        long ticket = Long.parseLong(created.header("Location").replaceAll(".*/", ""));

        String page = browser.get("/tickets/" + ticket).asString();
        Matcher link = FILE_LINK.matcher(page);
        assertThat(link.find()).as("the file is listed under the description: " + page).isTrue();
        assertThat(link.group(2)).isEqualTo("error dialog.png");
        long file = Long.parseLong(link.group(1));
        Response download = browser.get("/attachments/" + file);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asByteArray()).isEqualTo(PNG);
        assertThat(download.header("Content-Disposition")).startsWith("attachment;");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

        as(customer.token()).get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("[0].id", org.hamcrest.Matchers.equalTo((int) file)).body("[0].commentId", org.hamcrest.Matchers.nullValue());

        Api.Person stranger = Api.person(admin, "customer", Api.organization(admin, Api.unique("Other")));
        WebClient strangers = new WebClient().signIn(stranger.email(), "password-123");
        Response refused = strangers.get("/attachments/" + file);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.asByteArray()).isNotEqualTo(PNG);
        assertThat(new WebClient().get("/attachments/" + file).statusCode()).as("signed out: to the sign-in page").isEqualTo(303);
    }

    @Test
    void aRefusedFileIsNamedNextToTheFieldAndNothingIsCreated() {
        String admin = Api.admin();
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        WebClient browser = new WebClient().signIn(customer.email(), "password-123");
        browser.get("/tickets/new");
        String subject = Api.unique("Installer fails");
        Response r = browser.postWithFiles("/tickets/new", Map.of("subject", subject, "description", "Setup stops at 50%.",
                "priority", "normal", "_csrf", browser.token()), Map.of("setup.exe", EXE));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"files-error\"").contains("setup.exe was refused")
                .contains("value=\"" + subject + "\"").contains("Setup stops at 50%.");
        as(customer.token()).get("/api/v1/tickets").then().body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aReplyCarriesItsFilesAndAnInternalNotesFilesStayWithAgents() {
        String admin = Api.admin();
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long ticket = Api.ticket(customer.token(), "Report attached");
        Api.Person agent = Api.person(admin, "agent", null);
        WebClient agents = new WebClient().signIn(agent.email(), "password-123");
        agents.get("/tickets/" + ticket);
        assertThat(agents.postWithFiles("/tickets/" + ticket + "/comments", Map.of("body", "Log from the server", "internal", "on",
                "_csrf", agents.token()), Map.of("server-log.png", PNG)).statusCode()).isEqualTo(303);
        assertThat(agents.postWithFiles("/tickets/" + ticket + "/comments", Map.of("body", "Here is the fixed layout",
                "_csrf", agents.token()), Map.of("layout.png", PNG)).statusCode()).isEqualTo(303);
        assertThat(links(agents.get("/tickets/" + ticket).asString())).containsExactly("server-log.png", "layout.png");

        WebClient customers = new WebClient().signIn(customer.email(), "password-123");
        String page = customers.get("/tickets/" + ticket).asString();
        assertThat(links(page)).containsExactly("layout.png");
        as(customer.token()).get("/api/v1/tickets/" + ticket + "/attachments").then()
                .body("filename", org.hamcrest.Matchers.contains("layout.png"));
    }

    private static List<String> links(String page) {
        return FILE_LINK.matcher(page).results().map(m -> m.group(2)).toList();
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "STORAGE_PATH")
    String storagePath;

    @Test
    void aFileTheStorageLostIsExplainedOnAPageNotAsJson() throws Exception {
        String admin = Api.admin();
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long ticket = Api.ticket(customer.token(), "Lost file");
        long file = io.restassured.RestAssured.given().header("Authorization", "Bearer " + customer.token()).contentType("image/png")
                .body(PNG).post("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(201).extract().<Number>path("id").longValue();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(storagePath, "tickets", Long.toString(ticket)))) {
            for (java.nio.file.Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        WebClient browser = new WebClient().signIn(customer.email(), "password-123");
        Response page = browser.request().accept("text/html").get("/attachments/" + file);
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("id=\"error-message\"").contains("Attachment storage failed").doesNotContain("Exception").doesNotContain(storagePath);
        as(customer.token()).get("/api/v1/attachments/" + file).then().statusCode(503).contentType("application/problem+json");
    }
}
