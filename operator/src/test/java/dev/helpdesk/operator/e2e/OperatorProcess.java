package dev.helpdesk.operator.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The operator's runnable jar as a separate process, the way it runs in a pod: stopping it is a
 * real SIGTERM (or SIGKILL), and its output goes to {@code target/e2e-logs/<name>.log}.
 */
public final class OperatorProcess implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    // if the test JVM itself is stopped (Ctrl-C), no operator outlives it
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "e2e-operator-reaper"));
    }

    private final String name;
    private final int port;
    private final Path log;
    private final long logStart;
    private final Process process;
    private volatile boolean stopRequested;

    private OperatorProcess(String name, int port, Path log, long logStart, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.logStart = logStart;
        this.process = process;
    }

    /** What to start: the defaults run the jar as the operator's Deployment would, plus a free HTTP port. */
    public static final class Options {
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();

        /** Sets an environment variable of the operator (e.g. WATCH_NAMESPACES). */
        public Options env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Adds a JVM argument, e.g. {@code -Dquarkus.log.level=DEBUG}. */
        public Options jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }
    }

    /**
     * Starts {@code java -jar <jar>} with KUBECONFIG, POD_NAME={@code name} (so the Lease holder
     * identity starts with the name) and a free {@code quarkus.http.port}; the log is appended to.
     */
    public static OperatorProcess start(String name, Path jar, Path kubeconfig, Path logDirectory, Options options) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no operator jar at " + jar + ": build it first (mvn -pl operator package -DskipTests)");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            Files.writeString(log, "---- " + name + " starting at " + Instant.now() + " ----\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long logStart = Files.size(log);
            int port = freePort();

            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.addAll(options.jvmArgs);
            command.addAll(List.of("-jar", jar.toString()));

            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
            builder.environment().put("POD_NAME", name);
            builder.environment().putAll(options.env);
            Process process = builder.start();
            RUNNING.add(process);
            return new OperatorProcess(name, port, log, logStart, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start operator " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Base URI of its HTTP server (metrics at /q/metrics). */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once it has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** True if it exited although no test asked it to: the reason is in its log. */
    public boolean exitedUnexpectedly() {
        return !stopRequested && !process.isAlive();
    }

    /** Everything this process has logged so far. */
    public String logText() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of its log, for failure messages. */
    public String logTail(int lines) {
        String[] all = logText().split("\n");
        return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    /** Waits for Quarkus' "started in" line; fails at once, with the log, if the process exits first. */
    public OperatorProcess awaitStarted() {
        return awaitLog(" started in ", START_TIMEOUT);
    }

    /** Waits until its log contains {@code text}; fails at once if the process exits first. */
    public OperatorProcess awaitLog(String text, Duration timeout) {
        await(name + " logs \"" + text + "\"").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (logText().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before logging \"" + text
                        + "\"; log " + log + ":\n" + logTail(40));
            }
            return false;
        });
        return this;
    }

    /**
     * Sends SIGTERM and returns how long it took to exit; if it is still running after
     * {@code timeout} it is killed and an AssertionError reports the hang.
     */
    public Duration stop(Duration timeout) {
        stopRequested = true;
        Instant asked = Instant.now();
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM (killed); log " + log + ":\n"
                    + logTail(40));
        }
        RUNNING.remove(process);
        return Duration.between(asked, Instant.now());
    }

    /** SIGTERM with {@link #STOP_TIMEOUT}. */
    public Duration stop() {
        return stop(STOP_TIMEOUT);
    }

    /** SIGKILL: no shutdown hooks run, the Lease is not released (a crash or an OOM kill). */
    public void kill() {
        stopRequested = true;
        process.destroyForcibly();
        waitFor(STOP_TIMEOUT);
        RUNNING.remove(process);
    }

    /** Cleanup that never throws: SIGTERM, then SIGKILL if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            RUNNING.remove(process);
            return;
        }
        stopRequested = true;
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            System.out.println("[e2e] " + name + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
            kill();
        }
        RUNNING.remove(process);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + (process.isAlive() ? ", running" : ", exited " + process.exitValue())
                + ", log " + log + ")";
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // the JVM that runs the tests, so the operator runs on the same Java
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
