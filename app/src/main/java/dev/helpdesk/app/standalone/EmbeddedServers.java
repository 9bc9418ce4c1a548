package dev.helpdesk.app.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis server processes keeping their data in a directory (standalone mode,
 * tests). Durable servers (standalone) sync every commit to disk; test servers trade that for speed.
 */
public final class EmbeddedServers {
    private EmbeddedServers() {}

    /**
     * PostgreSQL whose data survives restarts when {@code dataDir} is kept. A postmaster left
     * running by a JVM that was killed is stopped first, so the data directory is never shared.
     */
    public static EmbeddedPostgres postgres(Path dataDir, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        String dir = dataDir.toAbsolutePath().toString();
        stopLeftover(dataDir.resolve("postmaster.pid"), p -> p.commandLine().map(c -> c.contains(dir)).orElse(false));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100");
        if (durable) {
            // the library's defaults (fsync and synchronous_commit off) can lose or corrupt committed data
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on");
        }
        return builder.start();
    }

    /** Redis with an append-only file in {@code dataDir}, listening on loopback only; durable: fsync on every write. */
    public static RedisServer redis(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        Path pidFile = dataDir.resolve("redis.pid").toAbsolutePath();
        // redis-server rewrites its command line to "host:port"; the pid comes from this directory's pid file
        stopLeftover(pidFile, p -> p.command().map(c -> c.contains("redis-server")).orElse(false));
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("pidfile " + pidFile)
                .setting("appendonly yes")
                .setting("appendfsync " + (durable ? "always" : "everysec"))
                .setting("save \"\"")
                .setting("protected-mode no")
                .onShutdownForceStop(true)
                .build();
        server.start();
        return server;
    }

    /**
     * Stops the server named in {@code pidFile} if it still runs (its JVM was killed): SIGTERM,
     * then SIGKILL after 30 s. A stale file of a process long gone, or a pid now used by another
     * program ({@code isOurs} says no), is left alone: the server itself copes with those.
     */
    static void stopLeftover(Path pidFile, java.util.function.Predicate<ProcessHandle.Info> isOurs) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.isEmpty() || !lines.get(0).trim().matches("\\d+") ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (process.isEmpty() || !process.get().isAlive() || !isOurs.test(process.get().info())) {
            return;
        }
        System.out.println("helpdesk standalone: stopping " + process.get().info().command().orElse("a server") + " (pid "
                + process.get().pid() + ") left running on " + pidFile.getParent() + " by an earlier start");
        process.get().destroy();
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
