package dev.helpdesk.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collects every field error of a request so the client sees them all at once. */
public final class Validator {
    private final List<FieldError> errors = new ArrayList<>();

    public Validator required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    public Validator maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters (got " + value.length() + ")"));
        }
        return this;
    }

    public Validator minLength(String field, String value, int min) {
        if (value != null && value.length() < min) {
            errors.add(new FieldError(field, "must be at least " + min + " characters"));
        }
        return this;
    }

    public Validator email(String field, String value) {
        if (value != null && !value.isBlank() && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new FieldError(field, "is not a valid email address"));
        }
        return this;
    }

    public Validator check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Parses a value with {@code parser}; an {@link IllegalArgumentException} becomes a field error. */
    public <T> T parse(String field, String raw, Function<String, T> parser) {
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
