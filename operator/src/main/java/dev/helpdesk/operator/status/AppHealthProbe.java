package dev.helpdesk.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the app's /api/health through its Service, off the reconcile thread: a reconcile reads the
 * last answer and, when it is older than {@link #REFRESH}, starts a new check (2 s timeout) whose
 * changed answer triggers another reconcile. Empty when the app cannot be reached (e.g. an
 * operator running outside the cluster).
 */
@jakarta.inject.Singleton
public class AppHealthProbe {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Checked> last = new ConcurrentHashMap<>();

    public record Report(boolean database, boolean redis, boolean storage) {}

    private record Checked(Optional<Report> report, long at, boolean inFlight) {}

    /** The last answer for {@code baseUrl} (empty before the first one); {@code onChange} runs when a newer answer differs. */
    public Optional<Report> cached(String baseUrl, Runnable onChange) {
        long now = System.currentTimeMillis();
        Checked before = last.get(baseUrl);
        boolean due = before == null || (!before.inFlight() && now - before.at() > REFRESH.toMillis());
        if (due && last.compute(baseUrl, (k, v) -> v == before ? new Checked(before == null ? Optional.empty() : before.report(),
                before == null ? 0 : before.at(), true) : v).inFlight()) {
            http.sendAsync(request(baseUrl), HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> error == null ? parse(response) : Optional.<Report>empty())
                    .thenAccept(report -> {
                        Checked previous = last.put(baseUrl, new Checked(report, System.currentTimeMillis(), false));
                        if (previous == null || !Objects.equals(previous.report(), report)) {
                            onChange.run();
                        }
                    });
        }
        return before == null ? Optional.empty() : before.report();
    }

    /** One check on the calling thread (tools and tests). */
    public Optional<Report> check(String baseUrl) {
        try {
            return parse(http.send(request(baseUrl), HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static HttpRequest request(String baseUrl) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/health")).timeout(Duration.ofSeconds(2)).GET().build();
    }

    private static Optional<Report> parse(HttpResponse<String> r) {
        if (r.statusCode() != 200 && r.statusCode() != 503) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            return Optional.of(new Report(body.path("database").asBoolean(false), body.path("redis").asBoolean(false),
                    body.path("storage").asBoolean(false)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
