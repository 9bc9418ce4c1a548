package dev.helpdesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.client.api.AuthenticationApi;
import dev.helpdesk.client.api.HealthApi;
import dev.helpdesk.client.api.TicketsApi;
import dev.helpdesk.client.model.CreateTicket;
import dev.helpdesk.client.model.Login;
import dev.helpdesk.client.model.PageTicket;
import dev.helpdesk.client.model.Priority;
import dev.helpdesk.client.model.Problem;
import dev.helpdesk.client.model.Ticket;
import dev.helpdesk.client.model.TicketPatch;
import dev.helpdesk.client.model.TicketStatus;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client generated from app/openapi.yaml, used as an integrator would, against the packaged
 * app in standalone mode: log in, create a ticket with a tag, list, patch (merge patch with
 * If-Match), and read an error as a typed problem.
 */
class GeneratedClientIT {
    private static final Path JAR = Path.of(System.getProperty("helpdesk.runner", "../app/target/quarkus-app/quarkus-run.jar"));
    private static Process app;
    private static Path data;
    private static int port;

    @BeforeAll
    static void startTheDesk() throws Exception {
        data = Files.createTempDirectory("client-it-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = data.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString(), "standalone", "--data-dir", data.resolve("desk").toString(),
                "--listen", "127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("HELPDESK_ADMIN_EMAIL");
        pb.environment().remove("HELPDESK_ADMIN_PASSWORD");
        app = pb.start();
        HealthApi health = new HealthApi(client(null));
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            assertThat(app.isAlive()).as("the app exited:%n%s", Files.readString(log)).isTrue();
            try {
                health.health();
                return;
            } catch (ApiException e) {
                // not up yet (connection refused, or 503 while starting)
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not healthy in 120 s:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopTheDesk() throws Exception {
        if (app != null) {
            app.destroy();
            app.onExit().get();
        }
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String agentToken() throws Exception {
        Properties creds = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("desk/credentials.properties"))) {
            creds.load(in);
        }
        return new AuthenticationApi(client(null))
                .login(new Login().email(creds.getProperty("agent.email")).password(creds.getProperty("agent.password"))).getToken();
    }

    @Test
    void anIntegratorWorksTicketsThroughTheGeneratedClient() throws Exception {
        TicketsApi tickets = new TicketsApi(client(agentToken()));

        Ticket created = tickets.createTicket(new CreateTicket().subject("Scanner offline").description("Since the update")
                .priority(Priority.HIGH).tags(List.of("client-it")));
        assertThat(created.getId()).isPositive();
        assertThat(created.getStatus()).isEqualTo(TicketStatus.NEW);
        assertThat(created.getTags()).containsExactly("client-it");

        PageTicket page = tickets.listTickets(null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(TicketStatus.NEW, TicketStatus.OPEN), List.of("client-it"), null, null);
        assertThat(page.getItems()).extracting(Ticket::getId).containsExactly(created.getId());

        Ticket patched = tickets.updateTicket(created.getId(), new TicketPatch().status(TicketStatus.PENDING).priority(Priority.URGENT),
                "\"" + created.getVersion() + "\"");
        assertThat(patched.getStatus()).isEqualTo(TicketStatus.PENDING);
        assertThat(patched.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(patched.getVersion()).isEqualTo(created.getVersion() + 1);
        assertThat(patched.getAssigneeId()).isNull();

        assertThatThrownBy(() -> tickets.getTicket(999_999L)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(404);
            Problem problem = read(e.getResponseBody());
            assertThat(problem.getType()).hasToString("https://helpdesk.dev/problems/not-found");
            assertThat(problem.getStatus()).isEqualTo(404);
        });
        // a stale If-Match is a typed 412 too
        assertThatThrownBy(() -> tickets.updateTicket(created.getId(), new TicketPatch().priority(Priority.LOW),
                "\"" + created.getVersion() + "\"")).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(412);
                    assertThat(read(e.getResponseBody()).getType()).hasToString("https://helpdesk.dev/problems/precondition-failed");
                });
    }

    private static Problem read(String body) {
        try {
            return new ObjectMapper().findAndRegisterModules().readValue(body, Problem.class);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}
