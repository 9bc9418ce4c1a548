package dev.helpdesk.app.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json; never a stack trace or SQL text. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        return answer(e, uri, headers);
    }

    /** problem+json, or for a person at a web page the same answer said plainly (rate limit, storage or database down…). */
    private static Response answer(ApiException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        if (isPageRequest(uri, headers)) {
            Response.ResponseBuilder rb = Response.status(e.status()).type("text/html; charset=UTF-8").entity(page(e.toProblem().title(),
                    sentence(e.getMessage())));
            e.headers().forEach(rb::header);
            return rb.build();
        }
        return ProblemResponses.of(e);
    }

    private static String page(String title, String message) {
        return PAGE.formatted(escape(title), escape(title), escape(message));
    }

    private static String sentence(String detail) {
        String m = detail == null || detail.isEmpty() ? "Something went wrong." : Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Bean Validation of request bodies and parameters: every broken rule, each with its field. */
    @ServerExceptionMapper(priority = 1)
    public Response constraints(ConstraintViolationException e) {
        boolean aboutResponse = e.getConstraintViolations().stream().anyMatch(v -> {
            for (jakarta.validation.Path.Node n : v.getPropertyPath()) {
                if (n.getKind() == jakarta.validation.ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
        if (aboutResponse) {
            return ProblemResponses.of(internal(e)); // our answer broke its own contract: a bug, not the client's fault
        }
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(FieldPaths.of(v), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return ProblemResponses.of(ApiException.validation(errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        return ProblemResponses.of(fromJson(e));
    }

    // Quarkus ships mappers for these subtypes; naming them here keeps every JSON error a problem+json
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapping(JsonMappingException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        if (e.getResponse() != null && e.getResponse().getStatus() == 404 && isPageRequest(uri, headers)) {
            return Response.status(404).type("text/html; charset=UTF-8").entity(PAGE_NOT_FOUND).build();
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException jpe) {
                return json(jpe);
            }
            if (c instanceof ApiException api) {
                return answer(api, uri, headers);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String slug = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed on this path";
            case 415 -> "the request's Content-Type is not supported here; send application/json";
            default -> Response.Status.fromStatusCode(status) == null ? "request failed"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        if (status >= 500) {
            return answer(internal(e), uri, headers);
        }
        return answer(new ApiException(status, slug,
                Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                detail, null, null), uri, headers);
    }

    private static final String PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s · HelpDesk</title>
            <link rel="stylesheet" href="/ui.css"></head><body><main id="main"><h1>%s</h1>
            <p id="error-message">%s</p><p><a href="/">Back to the tickets</a></p></main></body></html>
            """;

    private static final String PAGE_NOT_FOUND = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found · HelpDesk</title>
            <link rel="stylesheet" href="/ui.css"></head><body><main id="main"><h1>Not found</h1>
            <p id="error-message">There is no page at this address.</p><p><a href="/">Back to the tickets</a></p></main></body></html>
            """;

    /** A browser asking for a page (not the API, which always answers problem+json). */
    private static boolean isPageRequest(jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        String path = uri.getRequestUri().getPath();
        String accept = headers.getHeaderString(jakarta.ws.rs.core.HttpHeaders.ACCEPT);
        return !path.startsWith("/api/") && !path.startsWith("/q/") && accept != null && accept.contains("text/html");
    }

    @ServerExceptionMapper
    public Response dataAccess(dev.helpdesk.app.db.DataAccessException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        if (e.isUniqueViolation()) {
            return answer(ApiException.conflict("conflict", "the change conflicts with an existing record; reload and retry"), uri, headers);
        }
        return answer(e.getCause() instanceof SQLException sql ? fromSql(sql) : internal(e), uri, headers);
    }

    @ServerExceptionMapper
    public Response sql(SQLException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        return answer(fromSql(e), uri, headers);
    }

    private static ApiException fromSql(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return ApiException.unavailable("the database is unavailable; try again shortly");
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            // a data exception is a value the validation let through: the client's fault, our gap; logged to close it
            LOG.warnf("value refused by the database (SQLSTATE %s): %s", e.getSQLState(), e.getMessage());
            return new ApiException(400, "validation-error", "Invalid request",
                    "a value in the request is out of range or cannot be stored", null, null);
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response other(Exception e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return answer(root instanceof SQLException sql ? fromSql(sql) : internal(e), uri, headers);
    }

    private static ApiException internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unhandled error, incident %s", incident);
        return new ApiException(500, "internal-error", "Internal server error",
                "an unexpected error occurred; report incident " + incident, null, null);
    }

    static ApiException fromJson(JsonProcessingException e) {
        if (e instanceof SafeTextModule.UnsafeTextException t) {
            return ApiException.invalidField(orBody(path(t)), t.reason());
        }
        if (e instanceof InvalidNullException n) {
            return ApiException.invalidField(path(n), "may not be null");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return ApiException.invalidField(path(u), "is not a known field");
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            String message = target != null && target.isEnum()
                    ? "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", ")) + " (got " + f.getValue() + ")"
                    : "must be " + typeName(target) + " (got " + f.getValue() + ")";
            return ApiException.invalidField(path(f), message);
        }
        if (e instanceof ValueInstantiationException v) {
            // the cause's text names classes and constructors: never shown to clients
            LOG.debugf(v, "value could not be instantiated at %s", path(v));
            return ApiException.invalidField(orBody(path(v)), "has an invalid value");
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            if (field.isEmpty()) {
                return new ApiException(400, "malformed-json", "Malformed JSON",
                        "the request body must be a JSON object", List.of(new FieldError("body", "must be a JSON object")), null);
            }
            return ApiException.invalidField(field, "must be " + typeName(m.getTargetType()));
        }
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            return ApiException.invalidField(path(jm), "has an invalid value");
        }
        if (e instanceof StreamConstraintsException) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Document length") ? BodyLimit.tooLarge()
                    : new ApiException(400, "malformed-json", "Malformed JSON", "the JSON body exceeds a structural limit "
                            + "(nesting depth, number or string length)", List.of(new FieldError("body", "exceeds a structural limit")), null);
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what = e instanceof JsonParseException ? "is not valid JSON" : "could not be read as JSON";
        return new ApiException(400, "malformed-json", "Malformed JSON", "the request body " + what + where,
                List.of(new FieldError("body", what + where)), null);
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
