package dev.helpdesk.app.standalone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone mode as a laptop user runs it: the packaged jar, a data directory, real embedded
 * PostgreSQL and Redis. Crashes (kill -9 of the JVM and the servers) lose nothing that was
 * acknowledged, and what the banner and health say is true.
 */
class StandaloneIT {
    private static final Path JAR = Path.of(System.getProperty("helpdesk.runner", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    private record Desk(Process process, int port, Path log) {
        RequestSpecification api() {
            return given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON);
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private Desk start(Path dataDir, Map<String, String> env, String... extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toAbsolutePath().toString(), "standalone",
                "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:" + port));
        command.addAll(List.of(extra));
        Path log = Files.createTempFile(work, "standalone-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("HELPDESK_ADMIN_EMAIL");
        pb.environment().remove("HELPDESK_ADMIN_PASSWORD");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        Desk desk = new Desk(p, port, log);
        awaitHealthy(desk);
        return desk;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Polls /api/health; the first 200 must mean the desk is fully up: the banner is out and the admin can log in. */
    private static void awaitHealthy(Desk desk) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(until)) {
            assertThat(desk.process().isAlive()).as("standalone exited early:%n%s", desk.output()).isTrue();
            int status;
            try {
                status = desk.api().get("/api/health").statusCode();
            } catch (Exception e) {
                status = -1;
            }
            if (status == 200) {
                Properties creds = credentials(desk);
                login(desk, creds.getProperty("agent.email"), creds.getProperty("agent.password"), 200);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not healthy within 120 s:\n" + desk.output());
    }

    private static Properties credentials(Desk desk) throws IOException {
        Properties p = new Properties();
        String out = desk.output();
        String dir = out.substring(out.indexOf("data directory ") + 15, out.indexOf('\n', out.indexOf("data directory ")));
        try (InputStream in = Files.newInputStream(Path.of(dir.trim(), "credentials.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static String login(Desk desk, String email, String password, int expected) {
        var r = desk.api().body(Map.of("email", email, "password", password)).post("/api/v1/auth/login").then().statusCode(expected);
        return expected == 200 ? r.extract().path("token") : null;
    }

    private static List<String> pidFile(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    private static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    @AfterEach
    void stopAll() {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aTicketAcknowledgedWith201SurvivesKillingTheJvmAndTheDatabase() throws Exception {
        Path data = work.resolve("desk");
        Desk desk = start(data, Map.of());
        // durability is a setting of the running server: ask it
        List<String> postmaster = pidFile(data.resolve("postgres/postmaster.pid"));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postmaster.get(3).trim() + "/postgres",
                "postgres", "postgres")) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
        Properties creds = credentials(desk);
        String token = login(desk, creds.getProperty("agent.email"), creds.getProperty("agent.password"), 200);
        long id = desk.api().header("Authorization", "Bearer " + token)
                .body(Map.of("subject", "Saved before the crash", "description", "must survive"))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number>path("id").longValue();
        // the moment the 201 is in: the JVM, PostgreSQL and Redis all die without a chance to flush anything
        kill9(desk.process().pid());
        kill9(Long.parseLong(postmaster.get(0).trim()));
        kill9(Long.parseLong(pidFile(data.resolve("redis/redis.pid")).get(0).trim()));

        Desk again = start(data, Map.of()); // copes with the stale postmaster.pid and picks fresh ports
        String token2 = login(again, creds.getProperty("agent.email"), creds.getProperty("agent.password"), 200);
        again.api().header("Authorization", "Bearer " + token2).get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("subject", org.hamcrest.Matchers.equalTo("Saved before the crash"));
        assertThat(again.output()).contains("existing data kept");
    }

    @Test
    void serversLeftRunningByAKilledJvmAreStoppedAndTheDeskComesBack() throws Exception {
        Path data = work.resolve("orphans");
        Desk desk = start(data, Map.of());
        long postgres = Long.parseLong(pidFile(data.resolve("postgres/postmaster.pid")).get(0).trim());
        long redis = Long.parseLong(pidFile(data.resolve("redis/redis.pid")).get(0).trim());
        kill9(desk.process().pid()); // only the JVM: its PostgreSQL and Redis keep running
        assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive)).contains(true);
        Desk again = start(data, Map.of());
        assertThat(again.output()).contains("left running on");
        assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theBannerTellsTheTruthAboutAddressAndAdminPassword() throws Exception {
        Path data = work.resolve("banner");
        Desk first = start(data, Map.of("HELPDESK_ADMIN_EMAIL", "boss@example.com", "HELPDESK_ADMIN_PASSWORD", "first-pass-123"));
        assertThat(first.output()).contains("http://127.0.0.1:" + first.port()).contains("reachable from this machine only")
                .contains("boss@example.com / (HELPDESK_ADMIN_PASSWORD)").doesNotContain("first-pass-123")
                .contains("Listening on: http://127.0.0.1:" + first.port())
                .contains("Open http://127.0.0.1:" + first.port() + "/ in a browser");
        // what the banner points a browser at: the sign-in page
        assertThat(first.api().noFilters().redirects().follow(true).get("/").then().statusCode(200).extract().asString())
                .contains("<h1>Sign in</h1>");
        login(first, "boss@example.com", "first-pass-123", 200);
        first.process().destroy();
        first.process().onExit().get();

        // a changed password in the environment is not applied to the existing admin, and the banner says so
        Desk second = start(data, Map.of("HELPDESK_ADMIN_EMAIL", "boss@example.com", "HELPDESK_ADMIN_PASSWORD", "second-pass-456"));
        assertThat(second.output()).contains("HELPDESK_ADMIN_PASSWORD is not applied").doesNotContain("second-pass-456");
        login(second, "boss@example.com", "second-pass-456", 401);
        login(second, "boss@example.com", "first-pass-123", 200);
        second.process().destroy();
        second.process().onExit().get();

        Desk reset = start(data, Map.of("HELPDESK_ADMIN_EMAIL", "boss@example.com", "HELPDESK_ADMIN_PASSWORD", "second-pass-456"),
                "--reset-admin-password");
        assertThat(reset.output()).contains("password reset now");
        login(reset, "boss@example.com", "second-pass-456", 200);
        login(reset, "boss@example.com", "first-pass-123", 401);
    }
}
