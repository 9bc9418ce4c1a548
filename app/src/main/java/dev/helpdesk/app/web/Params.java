package dev.helpdesk.app.web;

import dev.helpdesk.app.auth.Role;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Parsers for query/path values whose errors read well in a problem response. */
public final class Params {
    private Params() {}

    public static Role role(String raw) {
        for (Role r : Role.values()) {
            if (r.toString().equals(raw)) {
                return r;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(Role.values()).map(Role::toString)
                .collect(Collectors.joining(", ")) + " (got '" + raw + "')");
    }

    public static long id(String raw) {
        try {
            long v = Long.parseLong(raw.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("must be a positive whole number (got '" + raw + "')");
    }

    /** A path id; anything that is not an id cannot name an existing resource, so 404. */
    public static long pathId(String raw) {
        try {
            return id(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("'" + raw + "'");
        }
    }
}
