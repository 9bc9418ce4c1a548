package dev.helpdesk.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks the app's /api/health through its Service; empty when it cannot be reached (e.g. operator outside the cluster). */
@jakarta.inject.Singleton
public class AppHealthProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public record Report(boolean database, boolean redis, boolean storage) {}

    public Optional<Report> check(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 503) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(r.body());
            return Optional.of(new Report(body.path("database").asBoolean(false), body.path("redis").asBoolean(false),
                    body.path("storage").asBoolean(false)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
