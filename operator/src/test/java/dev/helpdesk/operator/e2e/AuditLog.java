package dev.helpdesk.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the API server's audit log, which records every write (kenv.sh logs writes only, at level
 * Metadata): the way to prove "the operator writes nothing at rest" against a real API server.
 * Only requests logged after this reader was created are seen, so old runs cost nothing.
 */
public final class AuditLog {
    public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    /** The operator's client identifies as fabric8-kubernetes-client/x.y.z; the tests' own client does not. */
    public static final String OPERATOR_USER_AGENT = "fabric8";
    /** Writes that happen at rest by design: leader-election renewals and Events. */
    public static final Set<String> HEARTBEATS = Set.of("leases", "events");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long startOffset;

    private AuditLog(Path file, long startOffset) {
        this.file = file;
        this.startOffset = startOffset;
    }

    /** A reader of the requests logged from now on. */
    public static AuditLog startingNow(Path file) {
        try {
            return new AuditLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** Completed write requests received in [from, to), by anyone. */
    public List<AuditEntry> writes(Instant from, Instant to) {
        return read(e -> !e.received().isBefore(from) && e.received().isBefore(to));
    }

    /** Completed writes by the operator received in [from, to), except to the given resources (plural names, e.g. "leases"). */
    public List<AuditEntry> operatorWrites(Instant from, Instant to, Set<String> excludedResources) {
        return writes(from, to).stream()
                .filter(e -> e.userAgent() != null && e.userAgent().contains(OPERATOR_USER_AGENT))
                .filter(e -> !excludedResources.contains(e.resource()))
                .toList();
    }

    /** Writes by the operator in [from, to) other than Lease renewals and Events: what must be empty at rest. */
    public List<AuditEntry> operatorWritesExceptHeartbeats(Instant from, Instant to) {
        return operatorWrites(from, to, HEARTBEATS);
    }

    /** How many times each request (verb, resource, object) was made, sorted: readable in a failure message. */
    public static Map<String, Long> countByRequest(List<AuditEntry> entries) {
        return entries.stream().collect(Collectors.groupingBy(AuditEntry::request, TreeMap::new, Collectors.counting()));
    }

    /** One line per distinct request with its count, e.g. "2x patch deployments e2e-ab12cd/support-app". */
    public static String describe(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return "(no writes)";
        }
        return countByRequest(entries).entrySet().stream()
                .map(e -> e.getValue() + "x " + e.getKey())
                .collect(Collectors.joining("\n  ", entries.size() + " writes:\n  ", ""));
    }

    private List<AuditEntry> read(Predicate<AuditEntry> wanted) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no audit log at " + file + " (set HELPDESK_AUDIT_LOG if it is elsewhere)");
        }
        List<AuditEntry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // a smaller file means the API server was restarted with a new log: read it all
            channel.position(channel.size() < startOffset ? 0 : startOffset);
            try (InputStream in = Channels.newInputStream(channel);
                 BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    // cheap test first: most lines are the RequestReceived half of a request
                    if (line.contains("\"stage\":\"ResponseComplete\"")) {
                        AuditEntry entry = parse(line);
                        if (entry != null && WRITE_VERBS.contains(entry.verb()) && wanted.test(entry)) {
                            entries.add(entry);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return entries;
    }

    // null for a line the API server was still writing when it was read
    private static AuditEntry parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            JsonNode object = event.path("objectRef");
            return new AuditEntry(Instant.parse(event.path("requestReceivedTimestamp").asText()),
                    event.path("verb").asText(), text(object, "resource"), text(object, "subresource"),
                    text(object, "namespace"), text(object, "name"), text(event, "userAgent"),
                    event.path("responseStatus").path("code").asInt());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
