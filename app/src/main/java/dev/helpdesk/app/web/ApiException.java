package dev.helpdesk.app.web;

import java.util.List;
import java.util.Map;

/**
 * An error with a stable problem type that the API answers as application/problem+json. A
 * WebApplicationException (without entity), so parameter converters may throw it too.
 */
public class ApiException extends jakarta.ws.rs.WebApplicationException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors,
                        Map<String, String> headers) {
        super(detail, status);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(FieldError::field).toList());
        return new ApiException(400, "validation-error", "Invalid request", detail, errors, null);
    }

    public static ApiException invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Authentication required", detail, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"helpdesk\""));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException forbiddenField(String field, String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, List.of(new FieldError(field, detail)), null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what + " was not found", null, null);
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(409, slug, "Conflict", detail, null, null);
    }

    public static ApiException conflict(String slug, String field, String detail) {
        return new ApiException(409, slug, "Conflict", detail, List.of(new FieldError(field, detail)), null);
    }

    public static ApiException tooManyRequests(String slug, String detail, long retryAfterSeconds) {
        return new ApiException(429, slug, "Too many requests", detail, null,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static ApiException unavailable(String detail) {
        return unavailable("service-unavailable", detail, 5);
    }

    public static ApiException unavailable(String slug, String detail, long retryAfterSeconds) {
        return new ApiException(503, slug, "Service unavailable", detail, null, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    /** The invalid fields of a validation error; empty otherwise. */
    public List<FieldError> errors() {
        return errors == null ? List.of() : errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), errors);
    }
}
