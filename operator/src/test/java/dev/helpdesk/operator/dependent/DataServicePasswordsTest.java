package dev.helpdesk.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.testing.PostgresBinaries;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed PostgreSQL and Redis take their passwords from the Secret at every start, not only at
 * the first (DESIGN §4.7): the operator's own pod definitions, run against real server binaries.
 */
class DataServicePasswordsTest {
    private static final HelpDesk HD = Samples.helpDesk("helpdesk-minimal.yaml", "ns");

    @TempDir
    Path dir;

    @Test
    void postgresInitialisedWithOnePasswordAcceptsOnlyTheSecretsPasswordAfterTheNextStart() throws Exception {
        Path bin = postgresBinaries();
        Path data = dir.resolve("pgdata");
        Path sockets = Files.createDirectories(dir.resolve("sockets"));
        int port = freePort();
        Files.writeString(dir.resolve("pw"), "password-A");
        // as the postgres image initialises a data directory: local socket trusted, network clients by password
        run(bin, Map.of(), bin.resolve("initdb") + " -D " + data + " -U helpdesk --pwfile=" + dir.resolve("pw")
                + " --auth-local=trust --auth-host=scram-sha-256 -E UTF8");
        // the server's output to a file: it outlives pg_ctl and would hold the pipe this test reads to its end
        String serve = bin.resolve("pg_ctl") + " -D " + data + " -l " + dir.resolve("server.log") + " -w -o \"-c listen_addresses=127.0.0.1 -p "
                + port + " -k " + sockets + "\" ";
        run(bin, Map.of(), serve + "start");
        try (Connection c = connect(port, "password-A")) {
            c.createStatement().execute("CREATE TABLE tickets (subject text); INSERT INTO tickets VALUES ('printer on fire')");
        }
        run(bin, Map.of(), serve + "-m fast stop");

        String out = run(bin, Map.of("PGDATA", data.toString(), "POSTGRES_USER", "helpdesk", "POSTGRES_PASSWORD", "pass'word \"B\" $x;",
                "PGSOCKETS", sockets.toString()), initContainerScript());
        assertThat(out).contains("role helpdesk has the password from the Secret");

        run(bin, Map.of(), serve + "start");
        try (Connection c = connect(port, "pass'word \"B\" $x;");
             ResultSet rs = c.createStatement().executeQuery("SELECT subject FROM tickets")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("no data lost").isEqualTo("printer on fire");
        } finally {
            assertThatThrownBy(() -> connect(port, "password-A").close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            run(bin, Map.of(), serve + "-m fast stop");
        }
    }

    @Test
    void aNewDataDirectoryIsLeftToTheImagesInitialisation() throws Exception {
        Path bin = postgresBinaries();
        String out = run(bin, Map.of("PGDATA", dir.resolve("empty").toString(), "POSTGRES_USER", "helpdesk", "POSTGRES_PASSWORD", "x",
                "PGSOCKETS", dir.toString()), initContainerScript());
        assertThat(out).contains("new data directory");
    }

    @Test
    void redisStartedWithOnePasswordAcceptsOnlyTheSecretsPasswordAfterTheNextStartKeepingItsData() throws Exception {
        Path server = dir.resolve("redis-server");
        try (InputStream in = getClass().getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
            Files.copy(in, server);
        }
        server.toFile().setExecutable(true);
        int port = freePort();
        Process first = redis(server, port, "password-A");
        try {
            assertThat(command(port, "AUTH", "password-A")).isEqualTo("+OK");
            assertThat(command(port, "AUTH", "password-A", "RPUSH", "queue", "notify-42")).endsWith(":1");
        } finally {
            stop(first, port, "password-A");
        }
        Process second = redis(server, port, "password-B");
        try {
            assertThat(command(port, "AUTH", "password-A")).startsWith("-WRONGPASS");
            assertThat(command(port, "AUTH", "password-B", "LRANGE", "queue", "0", "-1")).as("queued jobs kept").contains("notify-42");
        } finally {
            stop(second, port, "password-B");
        }
    }

    /** The Redis container of the operator's StatefulSet, with the Secret's value where Kubernetes puts it. */
    private Process redis(Path server, int port, String password) throws Exception {
        Container c = RedisDependents.statefulSet(HD).getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>(List.of(server.toString()));
        for (String arg : c.getArgs()) {
            command.add(arg.replace("$(REDIS_PASSWORD)", password).replace("/data", dir.toString()));
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", ""));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    private static void stop(Process p, int port, String password) throws Exception {
        command(port, "AUTH", password, "SHUTDOWN");
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** Sends commands (pairs of AUTH + one more when more than two words) over RESP; returns the replies, one per line. */
    private static String command(int port, String... words) throws IOException {
        List<List<String>> commands = words.length <= 2 ? List.of(List.of(words))
                : List.of(List.of(words[0], words[1]), List.of(words).subList(2, words.length));
        StringBuilder replies = new StringBuilder();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (List<String> cmd : commands) {
                StringBuilder req = new StringBuilder("*" + cmd.size() + "\r\n");
                cmd.forEach(w -> req.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n"));
                out.write(req.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    break; // SHUTDOWN closes the connection
                }
                replies.append(line);
                if (line.startsWith("*")) {
                    for (int i = 0; i < Integer.parseInt(line.substring(1)) * 2; i++) {
                        replies.append(' ').append(in.readLine());
                    }
                }
                replies.append('\n');
            }
        }
        return replies.toString().trim();
    }

    private String initContainerScript() {
        Container init = PostgresDependents.statefulSet(HD).getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(init.getCommand()).hasSize(3).startsWith("sh", "-c");
        return init.getCommand().get(2);
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "helpdesk", password);
    }

    private Path postgresBinaries() throws Exception {
        return PostgresBinaries.unpack(dir);
    }

    private String run(Path bin, Map<String, String> env, String script) throws Exception {
        return PostgresBinaries.run(bin, env, script);
    }

    private static int freePort() throws IOException {
        return PostgresBinaries.freePort();
    }
}
