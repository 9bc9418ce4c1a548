package dev.helpdesk.app.web;

import org.openapitools.jackson.nullable.JsonNullable;

/**
 * JSON merge patch (RFC 7396) fields: absent leaves a value as it is, present (also null)
 * replaces it. Request records declare them as {@code JsonNullable}; fields that may not be
 * cleared carry {@code @NotNull(message = MergePatch.NOT_NULL)}.
 */
public final class MergePatch {
    public static final String NOT_NULL = "may not be null";

    private MergePatch() {}

    public static boolean sent(JsonNullable<?> field) {
        return field != null && field.isPresent();
    }

    /** The sent value, or {@code current} when the field was absent. */
    public static <T> T apply(JsonNullable<T> field, T current) {
        return sent(field) ? field.get() : current;
    }
}
