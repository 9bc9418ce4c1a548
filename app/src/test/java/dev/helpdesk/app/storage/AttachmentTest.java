package dev.helpdesk.app.storage;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static dev.helpdesk.app.testing.SampleFiles.EXE;
import static dev.helpdesk.app.testing.SampleFiles.HTML;
import static dev.helpdesk.app.testing.SampleFiles.PDF;
import static dev.helpdesk.app.testing.SampleFiles.PNG;
import static dev.helpdesk.app.testing.SampleFiles.concat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attachments are accepted by what their bytes are, within the size limit, and only shown to who may see them. */
@QuarkusTest
class AttachmentTest extends HelpDeskTest {
    Api.Person agent;
    Api.Person customer;
    Api.Person stranger;
    long ticket;
    long reply;

    @BeforeEach
    void ticketWithReply() {
        String admin = Api.admin();
        agent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        stranger = Api.person(admin, "customer", Api.organization(admin, Api.unique("Other")));
        ticket = Api.ticket(customer.token(), "Screenshot attached");
        reply = as(customer.token()).body(Map.of("body", "see attached")).post("/api/v1/tickets/" + ticket + "/comments")
                .then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private io.restassured.response.ValidatableResponse upload(String token, long comment, byte[] bytes, String claimedType,
                                                                String filename) {
        return given().header("Authorization", "Bearer " + token).contentType(claimedType).body(bytes)
                .queryParam("filename", filename)
                .post("/api/v1/tickets/" + ticket + "/comments/" + comment + "/attachments").then();
    }

    @Test
    void acceptsAllowedTypesByContentAndServesThemBack() throws Exception {
        long id = upload(customer.token(), reply, PNG, "application/octet-stream", "screen.png").statusCode(201)
                .body("contentType", equalTo("image/png")).body("sizeBytes", equalTo(PNG.length))
                .body("filename", equalTo("screen.png"))
                .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG))))
                .extract().<Number>path("id").longValue();
        upload(customer.token(), reply, PDF, "application/pdf", "../../etc/report.pdf").statusCode(201)
                .body("contentType", equalTo("application/pdf")).body("filename", equalTo("report.pdf"));
        byte[] back = as(agent.token()).get("/api/v1/attachments/" + id).then().statusCode(200)
                .contentType("image/png").header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertThat(back).isEqualTo(PNG);
        as(customer.token()).get("/api/v1/tickets/" + ticket + "/comments").then()
                .body("[0].attachments", hasSize(2)).body("[0].attachments[0].downloadUrl", equalTo("/api/v1/attachments/" + id));
    }

    @Test
    void rejectsContentWhoseBytesAreNotAnAllowedTypeWhateverTheClientClaims() {
        problem(upload(customer.token(), reply, EXE, "image/png", "cat.png"), 415, "unsupported-attachment-type");
        problem(upload(customer.token(), reply, HTML, "text/plain", "notes.txt"), 415, "unsupported-attachment-type");
        as(agent.token()).get("/api/v1/tickets/" + ticket + "/comments").then().body("[0].attachments", hasSize(0));
    }

    @Test
    void rejectsFilesOverTheLimitWhetherDeclaredOrStreamed() {
        byte[] big = concat(PNG, new byte[1024 * 1024]);
        problem(upload(customer.token(), reply, big, "image/png", "big.png"), 413, "attachment-too-large");
        // chunked upload: no Content-Length, the limit is enforced while reading
        problem(given().header("Authorization", "Bearer " + customer.token()).contentType("image/png")
                .body(new ByteArrayInputStream(big)).queryParam("filename", "big.png")
                .post("/api/v1/tickets/" + ticket + "/comments/" + reply + "/attachments").then(), 413, "attachment-too-large");
        problem(upload(customer.token(), reply, new byte[0], "image/png", "empty.png"), 400, "validation-error");
    }

    @Test
    void downloadsOnlyForPeopleWhoMaySeeTheComment() {
        long note = as(agent.token()).body(Map.of("body", "internal screenshot", "public", false))
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201).extract().<Number>path("id").longValue();
        long internal = upload(agent.token(), note, PNG, "image/png", "internal.png").statusCode(201)
                .extract().<Number>path("id").longValue();
        long shared = upload(customer.token(), reply, PNG, "image/png", "shared.png").statusCode(201)
                .extract().<Number>path("id").longValue();
        as(customer.token()).get("/api/v1/attachments/" + shared).then().statusCode(200);
        problem(as(customer.token()).get("/api/v1/attachments/" + internal).then(), 404, "not-found");
        problem(as(stranger.token()).get("/api/v1/attachments/" + shared).then(), 404, "not-found");
        problem(given().get("/api/v1/attachments/" + shared).then(), 401, "unauthorized");
        problem(upload(stranger.token(), reply, PNG, "image/png", "x.png"), 404, "not-found");
        problem(upload(customer.token(), note, PNG, "image/png", "x.png"), 404, "not-found");
    }

    @Test
    void aTextFileNamedLikeAWebPageDownloadsAsText() {
        byte[] page = "<script>alert(document.cookie)</script>\n".getBytes(StandardCharsets.US_ASCII);
        long id = upload(customer.token(), reply, page, "text/html", "invoice.html").statusCode(201)
                .body("contentType", equalTo("text/plain")).body("filename", equalTo("invoice.html.txt"))
                .extract().<Number>path("id").longValue();
        as(agent.token()).get("/api/v1/attachments/" + id).then().statusCode(200)
                .header("Content-Disposition", "attachment; filename*=UTF-8''invoice.html.txt");
        upload(customer.token(), reply, PNG, "image/png", "\u202Egnp.exe").statusCode(201).body("filename", equalTo("gnp.exe.png"));
        upload(customer.token(), reply, PNG, "image/png", "..").statusCode(201).body("filename", equalTo("attachment.png"));
    }

    @Test
    void aClosedTicketTakesNoMoreFiles() {
        as(agent.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
        as(agent.token()).body(Map.of("status", "closed")).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
        problem(upload(customer.token(), reply, PNG, "image/png", "late.png"), 409, "ticket-closed");
        problem(upload(agent.token(), reply, PNG, "image/png", "late.png"), 409, "ticket-closed");
        as(agent.token()).get("/api/v1/tickets/" + ticket + "/comments").then().body("[0].attachments", hasSize(0));
    }

    @Test
    void theTicketsOwnDescriptionTakesFilesFromItsRequesterAndStaff() {
        String path = "/api/v1/tickets/" + ticket + "/attachments";
        long own = given().header("Authorization", "Bearer " + customer.token()).contentType("image/png").body(PNG)
                .queryParam("filename", "before.png").post(path).then().statusCode(201).body("commentId", org.hamcrest.Matchers.nullValue())
                .extract().<Number>path("id").longValue();
        given().header("Authorization", "Bearer " + agent.token()).contentType("application/pdf").body(PDF)
                .queryParam("filename", "manual.pdf").post(path).then().statusCode(201);
        long orgId = as(agent.token()).get("/api/v1/tickets/" + ticket).then().extract().<Number>path("organizationId").longValue();
        Api.Person colleague = Api.person(Api.admin(), "customer", orgId);
        as(colleague.token()).get(path).then().statusCode(200);
        given().header("Authorization", "Bearer " + colleague.token()).contentType("image/png").body(PNG).post(path).then()
                .statusCode(403).body("detail", org.hamcrest.Matchers.containsString("tickets they opened"));
        given().header("Authorization", "Bearer " + stranger.token()).contentType("image/png").body(PNG).post(path).then().statusCode(404);
        as(stranger.token()).get(path).then().statusCode(404);
        as(stranger.token()).get("/api/v1/attachments/" + own).then().statusCode(404);

        long note = as(agent.token()).body(Map.of("body", "internal log", "public", false)).post("/api/v1/tickets/" + ticket + "/comments")
                .then().statusCode(201).extract().<Number>path("id").longValue();
        upload(agent.token(), note, PNG, "image/png", "log.png").statusCode(201);
        upload(customer.token(), reply, PNG, "image/png", "reply.png").statusCode(201);
        as(customer.token()).get(path).then().statusCode(200).body("filename", org.hamcrest.Matchers.contains("before.png", "manual.pdf", "reply.png"));
        as(agent.token()).get(path).then().body("filename", org.hamcrest.Matchers.contains("before.png", "manual.pdf", "log.png", "reply.png"));
        as(customer.token()).get("/api/v1/tickets/" + ticket + "/comments").then().body("[0].attachments.filename",
                org.hamcrest.Matchers.contains("reply.png"));

        as(agent.token()).body(Map.of("status", "solved")).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
        as(agent.token()).body(Map.of("status", "closed")).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
        problem(given().header("Authorization", "Bearer " + customer.token()).contentType("image/png").body(PNG).post(path).then(),
                409, "ticket-closed");
    }
}
