package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary strings (every UTF-16 unit, NUL and lone surrogates included), arbitrary dates and
 * numbers thrown at the create, update and filter endpoints: the answer is never a 5xx, and an
 * error never echoes class names or exception texts.
 */
@QuarkusTest
class NeverServerErrorTest extends HelpDeskTest {
    private static final int SAMPLES = 150;
    // escaping every non-ASCII unit lets a lone surrogate travel as JSON text, as a hostile client would send it
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    String agent;
    String admin;
    long ticket;

    @BeforeEach
    void setUp() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null).token();
        ticket = Api.ticket(agent, "fuzz target");
    }

    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars('\u0000', '\ud800', '\udbff', '\udc00', '\u202e', 'a', ' ', '%', '\'', '"', '\\')
                        .ofMaxLength(20),
                Arbitraries.strings().alpha().numeric().ofMinLength(250).ofMaxLength(70_000));
    }

    /** Text for a query string: short enough that the request line stays under the server's 4 KiB limit. */
    static Arbitrary<String> queryTexts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars('\u0000', '\ud800', '\udc00', '\u202e', 'a', ' ', '%', '&', '=', ',', '+').ofMaxLength(20));
    }

    static Arbitrary<String> dates() {
        Arbitrary<String> years = Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L)
                .map(y -> (y > 9999 ? "+" : "") + (y < 0 ? "-" + String.format("%04d", -y) : String.format("%04d", y)));
        return Arbitraries.oneOf(
                years.map(y -> y + "-01-01"),
                years.map(y -> y + "-12-31T23:59:59Z"),
                Arbitraries.of("2026-02-30", "2026-13-01", "9999-12-31", "1970-01-01", "10000-01-01", "+294277-01-01T00:00:00Z",
                        "2026-11-22T25:00:00Z", "2026-11-22T10:00:00+14:00", ""),
                queryTexts());
    }

    static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Object::toString), Arbitraries.bigIntegers().map(Object::toString),
                Arbitraries.of("-0", "+1", "1e3", "0x10", "1.5", "", " 1 ", "NaN"), queryTexts());
    }

    @Test
    void createUpdateAndCommentNeverAnswer5xx() throws Exception {
        List<String> texts = texts().sampleStream().limit(SAMPLES).toList();
        for (String s : texts) {
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("subject", s);
            create.put("description", s);
            create.put("tags", List.of(s));
            check(as(agent).body(JSON.writeValueAsString(create)).post("/api/v1/tickets"), s);
            check(as(agent).body(JSON.writeValueAsString(Map.of("subject", s))).patch("/api/v1/tickets/" + ticket), s);
            check(as(agent).body(JSON.writeValueAsString(Map.of("body", s))).post("/api/v1/tickets/" + ticket + "/comments"), s);
            check(given().contentType("application/json").body(JSON.writeValueAsString(Map.of("email", s, "password", s)))
                    .post("/api/v1/auth/login"), s);
            check(as(admin).body(JSON.writeValueAsString(Map.of("name", s, "domain", s))).post("/api/v1/organizations"), s);
        }
    }

    @Test
    void filtersWithArbitraryTextDatesAndNumbersNeverAnswer5xx() {
        List<String> texts = queryTexts().sampleStream().limit(SAMPLES).toList();
        List<String> dates = dates().sampleStream().limit(SAMPLES).toList();
        List<String> numbers = numbers().sampleStream().limit(SAMPLES).toList();
        for (int i = 0; i < SAMPLES; i++) {
            String s = texts.get(i);
            String d = dates.get(i);
            String n = numbers.get(i);
            String sample = "q=" + s + " date=" + d + " number=" + n;
            check(as(agent).queryParam("q", s).queryParam("tag", s).queryParam("createdFrom", d).queryParam("updatedTo", d)
                    .queryParam("page", n).get("/api/v1/tickets"), sample);
            check(as(agent).queryParam("status", s).queryParam("assignee", s).queryParam("requester", n).queryParam("size", n)
                    .queryParam("sort", s).get("/api/v1/tickets"), sample);
            check(as(agent).queryParam("from", d).queryParam("to", d).get("/api/v1/sla/report"), sample);
            check(as(agent).queryParam("q", s).queryParam("role", s).queryParam("organization", n).get("/api/v1/users"), sample);
            check(as(agent).get("/api/v1/tickets/" + n), sample);
        }
    }

    @Test
    void bytesThatAreNotJsonOrNotUtf8NeverAnswer5xx() {
        List<byte[]> bodies = new ArrayList<>(Arbitraries.bytes().array(byte[].class).ofMaxSize(200).sampleStream().limit(SAMPLES).toList());
        bodies.add(new byte[] {'{', '"', 's', 'u', 'b', 'j', 'e', 'c', 't', '"', ':', '"', (byte) 0xC3, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{'});
        for (byte[] body : bodies) {
            check(as(agent).body(body).post("/api/v1/tickets"), java.util.Arrays.toString(body));
            check(as(agent).body(body).patch("/api/v1/tickets/" + ticket), java.util.Arrays.toString(body));
        }
    }

    private static void check(Response r, String sample) {
        assertThat(r.statusCode()).as("status for %s, answer %s", sample, r.asString()).isLessThan(500);
        if (r.statusCode() >= 400) {
            // errors never echo internals: class names, exception texts
            assertThat(r.asString()).as("answer for %s", sample).doesNotContain("dev.helpdesk.").doesNotContain("java.")
                    .doesNotContain("Exception").doesNotContain("com.fasterxml");
        }
    }
}
