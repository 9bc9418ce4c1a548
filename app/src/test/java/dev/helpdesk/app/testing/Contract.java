package dev.helpdesk.app.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published API document (app/openapi.yaml, kept equal to /q/openapi by a test) checked
 * against every exchange of the API tests: a status the document does not list for the
 * operation, a body that does not fit its schema or an undeclared content type fails the test.
 * Requests are not checked here, because the bad-input tests send invalid ones on purpose; the
 * contract test checks requests itself.
 */
public final class Contract {
    public static final Path DOCUMENT = Path.of("openapi.yaml");
    private static boolean installed;

    private Contract() {}

    public static String document() {
        try {
            return Files.readString(DOCUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A validator for responses only (the default for every test), or for requests and responses. */
    public static OpenApiInteractionValidator validator(boolean requests) {
        LevelResolver.Builder levels = LevelResolver.create().withLevel("validation.response", ValidationReport.Level.ERROR);
        if (!requests) {
            levels.withLevel("validation.request", ValidationReport.Level.IGNORE);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(forValidator(document()))
                .withLevelResolver(levels.build()).build();
    }

    /**
     * The document as the validator reads it correctly: it ignores {@code nullable} next to
     * {@code allOf: [$ref]} (the OpenAPI 3.0 way to make a reference nullable, which generators
     * understand), so each such reference is replaced by a nullable copy of what it names.
     */
    static String forValidator(String yaml) {
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            JsonNode root = mapper.readTree(yaml);
            inlineNullableReferences(root, root.path("components").path("schemas"));
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void inlineNullableReferences(JsonNode node, JsonNode schemas) {
        if (node instanceof ObjectNode object) {
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child instanceof ObjectNode c && c.path("nullable").asBoolean() && c.path("allOf").size() == 1
                        && c.path("allOf").get(0).has("$ref")) {
                    String ref = c.path("allOf").get(0).path("$ref").asText();
                    ObjectNode copy = ((ObjectNode) schemas.path(ref.substring(ref.lastIndexOf('/') + 1))).deepCopy();
                    copy.put("nullable", true);
                    object.set(name, copy);
                } else {
                    inlineNullableReferences(child, schemas);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(n -> inlineNullableReferences(n, schemas));
        }
    }

    public static synchronized void install() {
        if (!installed) {
            RestAssured.filters(new OpenApiValidationFilter(validator(false)));
            installed = true;
        }
    }
}
