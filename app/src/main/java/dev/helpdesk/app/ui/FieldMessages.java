package dev.helpdesk.app.ui;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;

/** A form body's validation errors as the pages show them: by field, one sentence each (a field keeps its first error). */
final class FieldMessages {
    private FieldMessages() {}

    static <T> Map<String, String> into(Validator validator, T body, Map<String, String> errors) {
        for (ConstraintViolation<T> v : validator.validate(body)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), sentence(v.getMessage()));
        }
        return errors;
    }

    static String sentence(String message) {
        String m = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }
}
