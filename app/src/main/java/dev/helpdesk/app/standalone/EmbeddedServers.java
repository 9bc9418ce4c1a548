package dev.helpdesk.app.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/** Real PostgreSQL and Redis server processes keeping their data in a directory (standalone mode, tests). */
public final class EmbeddedServers {
    private EmbeddedServers() {}

    /** PostgreSQL whose data survives restarts when {@code dataDir} is kept. */
    public static EmbeddedPostgres postgres(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .start();
    }

    /** Redis with an append-only file in {@code dataDir}, listening on loopback only. */
    public static RedisServer redis(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("save \"\"")
                .setting("protected-mode no")
                .onShutdownForceStop(true)
                .build();
        server.start();
        return server;
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
