package dev.helpdesk.app.web.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document with the rules the whole API follows, applied in one
 * place instead of on every method: Bearer security (operations marked {@code x-public} need
 * none), the problem+json answers every operation can give (400 with a body or parameters, 401
 * unless public, 404 with a path id, 406, 412 with If-Match, 413/415 with a body, 429, 500, 503),
 * request bodies that refuse unknown fields, and merge-patch bodies described by their real fields.
 */
public class ApiDocument implements OASFilter {
    static final String PUBLIC = "x-public";
    static final String ERRORS_EXTENSION = "x-errors";
    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Records whose ETag is their version. */
    private static final Set<String> VERSIONED = Set.of("Ticket", "User", "Organization", "SlaPolicy", "CalendarDefinition");

    private static final Map<String, String> ERRORS = Map.ofEntries(
            Map.entry("400", "Invalid request: `errors[]` names each invalid field or parameter (validation-error), "
                    + "or the body is not one JSON object (malformed-json)"),
            Map.entry("401", "No token, or an invalid, expired or revoked one (unauthorized)"),
            Map.entry("403", "The caller's role may not do this (forbidden)"),
            Map.entry("404", "No such resource, or one the caller may not see (not-found)"),
            Map.entry("409", "The change conflicts with the current state"),
            Map.entry("406", "The Accept header excludes every type this operation answers with (not-acceptable)"),
            Map.entry("412", "If-Match names an older version than the record's (precondition-failed)"),
            Map.entry("413", "The body is larger than HTTP_MAX_BODY_BYTES (payload-too-large)"),
            Map.entry("415", "The Content-Type is not accepted here (unsupported-media-type)"),
            Map.entry("429", "Too many requests or failed logins; Retry-After says how many seconds to wait"),
            Map.entry("500", "A bug: `detail` carries an incident id that is in the server log (internal-error)"),
            Map.entry("503", "The database or attachment storage is unavailable, the desk is still starting, or writes are frozen"
                    + " during an upgrade (writes-frozen; reads keep working); retry after Retry-After"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT or API token").description("`Authorization: Bearer <token>`: the access token from "
                        + "POST /api/v1/auth/login (or /auth/refresh), or an API token (hdk_…)"));
        Schemas.addProblem(components);
        Schemas.completeMergePatches(components);
        Schemas.freeFormJson(components);

        Set<String> requestSchemas = new HashSet<>();
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                    complete(path.getKey(), op.getKey(), op.getValue());
                    collectRequestSchemas(op.getValue(), requestSchemas);
                }
            }
        }
        Schemas.closeRequestSchemas(components, requestSchemas);
        // stable order, so the committed document diffs cleanly
        if (components.getSchemas() != null) {
            components.setSchemas(new TreeMap<>(components.getSchemas()));
        }
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation op) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        boolean isPublic = takeExtension(op, PUBLIC) != null;
        if (isPublic) {
            op.setSecurity(List.of()); // anonymous calls welcome
        } else {
            op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        }
        // errors particular to this operation: "403 Admins only | 409 …" on the method
        Object particular = takeExtension(op, ERRORS_EXTENSION);
        if (particular != null) {
            for (String entry : particular.toString().split("\\s*\\|\\s*")) {
                responses.addAPIResponse(entry.substring(0, 3), OASFactory.createAPIResponse().description(entry.substring(4).trim()));
            }
        }
        boolean declaredSuccess = responses.getAPIResponses() != null && responses.getAPIResponses().keySet().stream()
                .anyMatch(code -> code.startsWith("2") && !code.equals("200"));
        if (declaredSuccess && responses.getAPIResponse("200") != null && responses.getAPIResponse("200").getContent() == null) {
            responses.removeAPIResponse("200"); // the generator's default next to the declared 201/204
        }
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        boolean body = op.getRequestBody() != null;
        boolean ifMatch = params.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        if (body || !params.isEmpty()) {
            error(responses, "400");
        }
        if (!isPublic) {
            error(responses, "401");
        }
        if (path.contains("{")) {
            error(responses, "404");
        }
        if (ifMatch) {
            error(responses, "412");
        }
        if (body) {
            error(responses, "413");
            error(responses, "415");
        }
        if (path.startsWith("/api/v1/")) {
            error(responses, "429");
            error(responses, "503");
        }
        error(responses, "406");
        error(responses, "500");
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            APIResponse response = r.getValue();
            if (r.getKey().compareTo("400") >= 0 && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(Schemas.PROBLEM))));
            }
            if ((r.getKey().equals("429") || r.getKey().equals("503")) && response.getHeaders() == null) {
                response.addHeader("Retry-After", header("Seconds to wait before retrying", Schema.SchemaType.INTEGER));
            }
            String returned = schemaName(response.getContent());
            if (r.getKey().startsWith("2") && returned != null && VERSIONED.contains(returned)) {
                response.addHeader("ETag", header("The record's version, for If-Match", Schema.SchemaType.STRING));
            }
        }
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
        if (method == PathItem.HttpMethod.PATCH && body && op.getRequestBody().getContent() != null) {
            Content content = op.getRequestBody().getContent();
            MediaType json = content.getMediaType("application/json");
            if (json != null && content.getMediaType("application/merge-patch+json") == null) {
                content.addMediaType("application/merge-patch+json", OASFactory.createMediaType().schema(json.getSchema()));
            }
        }
    }

    /** An operation's extension, removed from the document; the generator files method-level ones under responses at times. */
    private static Object takeExtension(Operation op, String name) {
        Object value = null;
        if (op.getExtensions() != null && op.getExtensions().containsKey(name)) {
            value = op.getExtensions().get(name);
            op.removeExtension(name);
        }
        APIResponses responses = op.getResponses();
        if (responses.getExtensions() != null && responses.getExtensions().containsKey(name)) {
            value = responses.getExtensions().get(name);
            responses.removeExtension(name);
        }
        return value;
    }

    private static Header header(String description, Schema.SchemaType type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type));
    }

    private static void error(APIResponses responses, String code) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(ERRORS.get(code)));
        } else if (existing.getDescription() == null || existing.getDescription().isBlank()
                || existing.getDescription().equals("Bad Request")) {
            existing.setDescription(ERRORS.get(code));
        }
    }

    private static String schemaName(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return null;
        }
        for (MediaType m : content.getMediaTypes().values()) {
            if (m.getSchema() != null && m.getSchema().getRef() != null) {
                return m.getSchema().getRef().substring(m.getSchema().getRef().lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    private static void collectRequestSchemas(Operation op, Set<String> names) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return;
        }
        for (MediaType m : op.getRequestBody().getContent().getMediaTypes().values()) {
            if (m.getSchema() != null && m.getSchema().getRef() != null) {
                names.add(m.getSchema().getRef().substring(m.getSchema().getRef().lastIndexOf('/') + 1));
            }
        }
    }
}
