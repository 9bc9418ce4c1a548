package dev.helpdesk.app.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.RealServers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two default replicas of the web tier, as the operator runs them: two `serve` processes of
 * the packaged app on one PostgreSQL and one Redis. A browser signed in through one is signed in
 * on the other (sessions live in the database), signing out on one ends it on both, and a change
 * made through one reaches the open pages on the other (Redis pub/sub) — only for who may see it.
 */
class TwoReplicasIT {
    private static final Path JAR = Path.of(System.getProperty("helpdesk.runner", "target/quarkus-app/quarkus-run.jar"));
    private static final String ADMIN = "admin@replicas.example";
    private static final String ADMIN_PASSWORD = "admin-password-1";
    private static final List<Process> started = new ArrayList<>();

    @TempDir
    static Path work;
    static String a;
    static String b;

    @BeforeAll
    static void twoReplicas() throws Exception {
        Map<String, String> env = new HashMap<>();
        new RealServers().start().forEach((k, v) -> {
            if (!k.contains(".")) {
                env.put(k, v); // the variables a deployment sets; quarkus.* keys are for in-JVM tests only
            }
        });
        env.put("HELPDESK_ADMIN_EMAIL", ADMIN);
        env.put("HELPDESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process migrate = process(env, "migrate", work.resolve("migrate.log"));
        assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).as(Files.readString(work.resolve("migrate.log"))).isZero();
        a = serve(env, "a");
        b = serve(env, "b");
    }

    private static String serve(Map<String, String> env, String name) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> own = new HashMap<>(env);
        own.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Path log = work.resolve("serve-" + name + ".log");
        Process p = process(own, "serve", log);
        String base = "http://127.0.0.1:" + port;
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(until)) {
            assertThat(p.isAlive()).as("replica %s exited:%n%s", name, Files.readString(log)).isTrue();
            try {
                if (given().baseUri(base).get("/api/health").statusCode() == 200) {
                    return base;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("replica " + name + " not healthy within 120 s:\n" + Files.readString(log));
    }

    private static Process process(Map<String, String> env, String role, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString(), role).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @AfterAll
    static void stop() {
        started.forEach(Process::destroy);
        started.forEach(p -> {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    private static RequestSpecification api(String base, String token) {
        RequestSpecification r = given().baseUri(base).contentType(ContentType.JSON);
        return token == null ? r : r.header("Authorization", "Bearer " + token);
    }

    private static String login(String base, String email, String password) {
        return api(base, null).body(Map.of("email", email, "password", password)).post("/api/v1/auth/login").then().statusCode(200)
                .extract().path("token");
    }

    private static long create(String base, String token, String path, Map<String, Object> body) {
        return api(base, token).body(body).post(path).then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private static String person(String admin, String role, Long org) {
        String email = role + "-" + System.nanoTime() + "@replicas.example";
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", role, "role", role, "password", "password-123"));
        if (org != null) {
            body.put("organizationId", org);
        }
        create(a, admin, "/api/v1/users", body);
        return email;
    }

    @Test
    void aSessionStartedOnOneReplicaWorksOnTheOtherAndEndsOnBoth() {
        String admin = login(a, ADMIN, ADMIN_PASSWORD);
        String agent = person(admin, "agent", null);
        WebClient onA = new WebClient(a).signIn(agent, "password-123");
        WebClient onB = new WebClient(b);
        onB.cookies.putAll(onA.cookies);
        var page = onB.get("/tickets");
        assertThat(page.statusCode()).as("the other replica knows the session").isEqualTo(200);
        assertThat(page.asString()).contains("My open tickets");

        assertThat(onB.post("/logout", Map.of("_csrf", onB.token())).statusCode()).isEqualTo(303);
        var afterwards = onA.get("/tickets");
        assertThat(afterwards.statusCode()).as("signed out on B: signed out on A too").isEqualTo(303);
        assertThat(afterwards.header("Location")).contains("/login");
    }

    @Test
    void aTicketOpenedThroughOneReplicaReachesTheQueueOpenOnTheOtherOnlyForWhoMaySeeIt() throws Exception {
        String admin = login(a, ADMIN, ADMIN_PASSWORD);
        long org = create(a, admin, "/api/v1/organizations", Map.of("name", "Replicas " + System.nanoTime()));
        long otherOrg = create(a, admin, "/api/v1/organizations", Map.of("name", "Elsewhere " + System.nanoTime()));
        String agent = person(admin, "agent", null);
        String customer = person(admin, "customer", org);
        String stranger = person(admin, "customer", otherOrg);
        WebClient agentOnB = new WebClient(b).signIn(agent, "password-123");
        WebClient strangerOnB = new WebClient(b).signIn(stranger, "password-123");

        try (EventStream agentStream = EventStream.open(b, agentOnB.cookies.get("hd_session"));
             EventStream strangerStream = EventStream.open(b, strangerOnB.cookies.get("hd_session"))) {
            assertThat(agentStream.status).isEqualTo(200);
            assertThat(strangerStream.status).isEqualTo(200);
            EventStream.settle();
            long sent = System.nanoTime();
            long ticket = create(a, login(a, customer, "password-123"), "/api/v1/tickets",
                    Map.of("subject", "Opened on replica A", "description", "d"));
            String heard = agentStream.received.poll(10, TimeUnit.SECONDS);
            System.out.printf("fan-out: replica B's stream heard of the ticket opened on replica A after %d ms%n",
                    Duration.ofNanos(System.nanoTime() - sent).toMillis());
            assertThat(heard).isEqualTo(Long.toString(ticket));
            assertThat(strangerStream.received.poll(1, TimeUnit.SECONDS)).as("another organization's customer hears nothing").isNull();
        }
        assertThat(agentOnB.get("/tickets?view=unassigned").asString()).contains("Opened on replica A");
    }
}
