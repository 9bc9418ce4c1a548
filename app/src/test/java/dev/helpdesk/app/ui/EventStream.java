package dev.helpdesk.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/** The live-updates stream (/events) as a browser tab holds it, signed in by its session cookie; collects each event's data. */
final class EventStream implements AutoCloseable {
    final int status;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.status = response.statusCode();
        Thread reader = new Thread(() -> {
            try {
                response.body().filter(l -> l.startsWith("data:")).forEach(l -> received.add(l.substring(5).trim()));
            } catch (UncheckedIOException | IllegalStateException closed) {
                // closed by the test (possibly before this thread started reading), or the server went away
            }
        }, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(String baseUri, String sessionCookie) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri).resolve("/events"))
                .header("Cookie", dev.helpdesk.app.auth.WebSessions.COOKIE + "=" + sessionCookie).header("Accept", "text/event-stream").build();
        try {
            return new EventStream(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Subscribing happens as the stream opens; give it a moment (events before it are not replayed, by design). */
    static void settle() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IllegalStateException notYetRead) {
            // the reader thread had not linked the stream yet; it stops on its own
        }
    }
}
