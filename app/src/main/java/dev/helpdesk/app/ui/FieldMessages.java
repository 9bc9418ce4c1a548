package dev.helpdesk.app.ui;

import dev.helpdesk.app.web.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A form's errors as the pages show them: by field, one sentence each (a field keeps its first error). */
final class FieldMessages {
    private FieldMessages() {}

    static <T> Map<String, String> into(Validator validator, T body, Map<String, String> errors) {
        return into(validator, body, errors, UnaryOperator.identity());
    }

    /** As {@link #into(Validator, Object, Map)}, with the body's property paths renamed to the form's field names. */
    static <T> Map<String, String> into(Validator validator, T body, Map<String, String> errors, UnaryOperator<String> field) {
        for (ConstraintViolation<T> v : validator.validate(body)) {
            errors.putIfAbsent(field.apply(v.getPropertyPath().toString()), sentence(v.getMessage()));
        }
        return errors;
    }

    /** A refused request's field errors; without any (spam guard, write freeze) its message is the form's error, said plainly. */
    static void fromApi(ApiException e, Map<String, String> errors) {
        fromApi(e, errors, UnaryOperator.identity());
    }

    static void fromApi(ApiException e, Map<String, String> errors, UnaryOperator<String> field) {
        e.errors().forEach(f -> errors.putIfAbsent(field.apply(f.field()), sentence(f.message())));
        if (errors.isEmpty()) {
            errors.put("form", e.getMessage());
        }
    }

    static String sentence(String message) {
        String m = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }
}
