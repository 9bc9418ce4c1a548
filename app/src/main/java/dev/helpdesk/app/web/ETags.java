package dev.helpdesk.app.web;

import jakarta.ws.rs.core.EntityTag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Optimistic concurrency: a record's version is its ETag; a write with {@code If-Match} naming
 * another version is refused with 412, so two people editing the same record never silently
 * overwrite each other. Without If-Match the write goes ahead (last writer wins, as before).
 */
public final class ETags {
    public static final String HEADER = "If-Match";

    private ETags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the entity and its ETag. */
    public static <T> RestResponse<T> ok(T entity, long version) {
        return RestResponse.ResponseBuilder.ok(entity).tag(of(version)).build();
    }

    /**
     * Refuses the write unless {@code ifMatch} is absent, {@code *}, or lists the current version as
     * a strong tag (RFC 9110: If-Match compares strongly, so a weak {@code W/"3"} never matches).
     */
    public static void require(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = "\"" + currentVersion + "\"";
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (!t.matches("(W/)?\"[^\"]*\"")) {
                throw ApiException.invalidField(HEADER, "must be an entity tag like \"3\" (the ETag of your copy) or *");
            }
            if (t.equals(current)) {
                return;
            }
        }
        throw new ApiException(412, "precondition-failed", "Precondition failed", what + " has changed since you read it: it is at version "
                + current + ", your If-Match was " + ifMatch.trim() + "; read it again and reapply your change", null, null);
    }
}
