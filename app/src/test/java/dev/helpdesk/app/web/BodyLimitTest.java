package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import dev.helpdesk.app.testing.HttpEdgeProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies are bounded per endpoint: JSON (and iCalendar) by HTTP_MAX_BODY_BYTES, uploads by ATTACH_MAX_BYTES. */
@QuarkusTest
@TestProfile(HttpEdgeProfile.class)
class BodyLimitTest extends HelpDeskTest {
    @TestHTTPResource("/")
    URL base;

    String agent;

    @BeforeEach
    void login() {
        agent = Api.person(Api.admin(), "agent", null).token();
    }

    /** Sends only the head of a request and returns what the server answers before any body byte. */
    private String headOnly(String head) throws Exception {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            StringBuilder answer = new StringBuilder();
            int n;
            while ((n = in.read(buf)) > 0) {
                answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (answer.indexOf("\r\n\r\n") > 0 && answer.indexOf("}") > 0) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    @Test
    void aGigabyteLoginIsRefusedBeforeItsBodyIsRead() throws Exception {
        long start = System.nanoTime();
        String answer = headOnly("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1073741824\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("payload-too-large")
                .contains("HTTP_MAX_BODY_BYTES");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    void aStreamedBodyWithoutContentLengthIsCutOffAtTheLimit() {
        String big = "{\"subject\":\"s\",\"description\":\"" + "a".repeat(200_000) + "\"}";
        InputStream chunked = new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8));
        problem(as(agent).body(chunked).post("/api/v1/tickets").then(), 413, "payload-too-large");
        // a body within the limit is fine
        as(agent).body(Map.of("subject", "s", "description", "a".repeat(60_000))).post("/api/v1/tickets").then().statusCode(201);
    }

    @Test
    void onlyAttachmentUploadsMayBeLarger() {
        long ticket = Api.ticket(agent, "with a file");
        long comment = as(agent).body(Map.of("body", "see file")).post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        byte[] text = "line of text\n".repeat(40_000).getBytes(StandardCharsets.US_ASCII); // 520 KB, under ATTACH_MAX_BYTES
        given().header("Authorization", "Bearer " + agent).contentType("text/plain").body(text).queryParam("filename", "log.txt")
                .post("/api/v1/tickets/" + ticket + "/comments/" + comment + "/attachments").then().statusCode(201)
                .body("sizeBytes", equalTo(text.length));
        problem(as(Api.admin()).contentType("text/calendar").body("X".repeat(200_000))
                .post("/api/v1/business-calendars/1/holidays").then(), 413, "payload-too-large");
    }

    @Test
    void aMalformedContentLengthGetsAStatusNotASilentClose() throws Exception {
        assertThat(headOnly("POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(headOnly("POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: \r\n\r\n")).startsWith("HTTP/1.1 400");
    }
}
