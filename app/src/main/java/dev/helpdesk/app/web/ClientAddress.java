package dev.helpdesk.app.web;

import dev.helpdesk.app.config.AppConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a request came from. X-Forwarded-For counts only when the connection comes from
 * one of HTTP_TRUSTED_PROXIES (default: none): the list is read from the right, and the first
 * address that is not a trusted proxy is the client, so a value the client wrote itself is never used.
 */
@ApplicationScoped
public class ClientAddress {
    private final List<IpRange> trusted;

    public ClientAddress(AppConfig config) {
        this.trusted = config.http().trustedProxies();
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = request.headers().getAll("X-Forwarded-For").stream()
                .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    /** Whether the client reached us over TLS: directly, or per X-Forwarded-Proto from a trusted proxy (never the client's say). */
    public boolean isSecure(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return !trusted.isEmpty() && isTrusted(peer) && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    private boolean isTrusted(String address) {
        InetAddress a;
        try {
            if (!address.matches("[0-9A-Fa-f:.]+")) {
                return false; // a name or garbage in a header: not an address we trust
            }
            a = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return false;
        }
        return trusted.stream().anyMatch(r -> r.contains(a));
    }
}
