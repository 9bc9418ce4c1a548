package dev.helpdesk.app.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.helpdesk.app.testing.Contract;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * app/openapi.yaml is the document the running app publishes at /q/openapi, so clients can be
 * generated from the repository; docs/api.md lists its operations (a generated table) and names
 * no operation it lacks. After an API change:
 * mvn -pl app test -Dtest=OpenApiDocumentTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiDocumentTest extends HelpDeskTest {
    private static final Path API_DOCS = Path.of("../docs/api.md");
    private static final String BEGIN = "<!-- operations:begin -->";
    private static final String END = "<!-- operations:end -->";
    private static final String UPDATE = "mvn -pl app test -Dtest=OpenApiDocumentTest -Dopenapi.update=true";

    @Test
    void theCommittedDocumentIsThePublishedOne() throws Exception {
        String published = given().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(Contract.DOCUMENT, published);
        }
        assertThat(Contract.document()).as("app/openapi.yaml is out of date; regenerate it with " + UPDATE).isEqualTo(published);
    }

    @Test
    void theApiDocsListEveryOperationOfTheDocument() throws Exception {
        String docs = Files.readString(API_DOCS);
        String table = operationsTable(new ObjectMapper(new YAMLFactory()).readTree(Contract.document()));
        String expected = docs.substring(0, docs.indexOf(BEGIN) + BEGIN.length()) + "\n" + table + docs.substring(docs.indexOf(END));
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(API_DOCS, expected);
            docs = expected;
        }
        assertThat(docs).as("docs/api.md's table of operations is out of date; regenerate it with " + UPDATE).isEqualTo(expected);
    }

    @Test
    void theApiDocsNameNoOperationTheDocumentLacks() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Contract.document());
        Set<String> known = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> known.add(m.toUpperCase() + " " + p.getKey())));
        String docs = Files.readString(API_DOCS);
        String prose = docs.substring(0, docs.indexOf(BEGIN)) + docs.substring(docs.indexOf(END));
        // `POST /tickets/{id}/comments` (relative to /api/v1), `GET /api/health`, with an optional ?query or body after it
        Matcher m = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)").matcher(prose);
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            String path = m.group(2).startsWith("/api/") || m.group(2).startsWith("/q/") ? m.group(2) : "/api/v1" + m.group(2);
            String op = m.group(1) + " " + path;
            if (!path.startsWith("/q/") && !known.contains(op)) {
                unknown.add(op);
            }
        }
        assertThat(unknown).as("operations named in docs/api.md that the API does not have").isEmpty();
    }

    private static String operationsTable(JsonNode doc) {
        StringBuilder out = new StringBuilder("| operation | who | what | success |\n|---|---|---|---|\n");
        List<String> rows = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            JsonNode o = op.getValue();
            String forbidden = o.path("responses").path("403").path("description").asText("");
            String who = o.has("security") && o.path("security").isEmpty() ? "anyone"
                    : forbidden.equals("Admins only") ? "admins"
                    : forbidden.equals("Agents and admins only") ? "agents, admins" : "signed in";
            List<String> success = new ArrayList<>();
            o.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    success.add(code);
                }
            });
            rows.add("| `" + op.getKey().toUpperCase() + " " + p.getKey() + "` | " + who + " | " + o.path("summary").asText()
                    + " | " + String.join(", ", success) + " |\n");
        }));
        rows.forEach(out::append);
        return out.toString();
    }
}
