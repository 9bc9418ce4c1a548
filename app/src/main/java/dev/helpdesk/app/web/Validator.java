package dev.helpdesk.app.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of rules that need the database or several fields at once, after
 * Bean Validation has checked each field, so the client still sees them all in one answer.
 */
public final class Validator {
    private final List<FieldError> errors = new ArrayList<>();

    public Validator check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
