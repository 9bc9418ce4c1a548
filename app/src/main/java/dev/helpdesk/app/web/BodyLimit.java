package dev.helpdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigException;
import dev.helpdesk.app.config.ConfigReader;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Request bodies are bounded per endpoint: attachment uploads by ATTACH_MAX_BYTES (checked while
 * they stream), everything else by HTTP_MAX_BODY_BYTES. A declared Content-Length over the limit
 * is answered 413 before one byte of the body is read; a body without one (chunked) is cut off by
 * the JSON reader when it passes the limit.
 */
@Singleton
public class BodyLimit {
    private static final Pattern UPLOAD = Pattern.compile("/api/v1/tickets/[^/]+/comments/[^/]+/attachments/?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP_MAX_BODY_BYTES, read leniently: this runs before the configuration is validated (and reported) as a whole. */
    public static long max() {
        var config = ConfigProvider.getConfig();
        try {
            return AppConfig.maxBodyBytes(new ConfigReader(name -> config.getOptionalValue(name, String.class)));
        } catch (ConfigException e) {
            return 1_048_576;
        }
    }

    public static ApiException tooLarge() {
        return new ApiException(413, "payload-too-large", "Payload too large", "request bodies may be at most " + max()
                + " bytes here (HTTP_MAX_BODY_BYTES); attachments are uploaded to .../comments/{id}/attachments", null, null);
    }

    void register(@Observes Filters filters) {
        long max = max();
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && !(rc.request().method() == HttpMethod.POST && UPLOAD.matcher(rc.normalizedPath()).matches())) {
                long declared;
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    declared = -1; // the HTTP layer has answered a malformed Content-Length already
                }
                if (declared > max) {
                    String body;
                    try {
                        body = JSON.writeValueAsString(tooLarge().toProblem());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    // the body is never read, so the connection cannot be reused for another request
                    rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close").end(body);
                    return;
                }
            }
            rc.next();
        }, 100);
    }
}
