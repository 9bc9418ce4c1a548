package dev.helpdesk.app.testing;

import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.standalone.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis for integration tests: embedded server processes, or external ones
 * named by TEST_DATABASE_URL / TEST_REDIS_URL. Each application start gets its own fresh database.
 * Quarkus loads this class anew for every application start, so the servers are found again
 * through JVM-wide system properties rather than static fields.
 */
public class RealServers implements QuarkusTestResourceLifecycleManager {
    private static final String PG_PORT = "helpdesk.test.postgres.port";
    private static final String REDIS_PORT = "helpdesk.test.redis.port";
    private static final String DATA_ROOT = "helpdesk.test.data";
    private static RedisServer redis;
    private String databaseName;

    /** Arg {@code database}: reuse (or create) this named database instead of a fresh one per start. */
    @Override
    public void init(Map<String, String> initArgs) {
        databaseName = initArgs.get("database");
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            String databaseUrl = database(databaseName);
            String redisUrl = System.getenv("TEST_REDIS_URL");
            if (redisUrl == null) {
                if (System.getProperty(REDIS_PORT) == null) {
                    int port = EmbeddedServers.freePort();
                    redis = EmbeddedServers.redis(dataRoot().resolve("redis"), port, false);
                    System.setProperty(REDIS_PORT, Integer.toString(port));
                }
                redisUrl = "redis://127.0.0.1:" + System.getProperty(REDIS_PORT);
            }
            DatabaseUrl db = DatabaseUrl.parse("DATABASE_URL", databaseUrl);
            Map<String, String> config = new HashMap<>();
            config.put("DATABASE_URL", databaseUrl);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.username());
            config.put("quarkus.datasource.password", db.password() == null ? "" : db.password());
            config.put("REDIS_URL", redisUrl);
            config.put("HELPDESK_SECRET", "test-signing-key-that-is-long-enough-0123456789");
            config.put("STORAGE_PATH", Files.createTempDirectory(dataRoot(), "attachments").toString());
            config.put("RATE_LIMIT_MAX_REQUESTS", "1000000");
            // every test logs in from 127.0.0.1; the throttle's own tests set real limits
            config.put("LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000");
            config.put("LOGIN_MAX_FAILURES_PER_ACCOUNT", "1000000");
            config.put("LOGIN_MAX_FAILURES", "1000000");
            // one Redis serves every application start of the test run: keep their keys apart
            config.put("HELPDESK_QUEUE_PREFIX", databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1));
            config.put("SPAM_GUARD_ENABLED", "false");
            config.put("ATTACH_MAX_BYTES", "1048576");
            // test desks let customers sign up (SignUpOffTest checks the default, off)
            config.put("SELF_REGISTRATION_ENABLED", "true");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty database on the shared server (unless named), so each application start sees only its own data. */
    public static String database(String named) throws IOException, SQLException {
        String name = named != null ? named : "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String external = System.getenv("TEST_DATABASE_URL");
        DatabaseUrl admin;
        String base;
        if (external != null) {
            admin = DatabaseUrl.parse("TEST_DATABASE_URL", external);
            base = external.substring(0, external.lastIndexOf('/') + 1);
        } else {
            if (System.getProperty(PG_PORT) == null) {
                EmbeddedPostgres postgres = EmbeddedServers.postgres(dataRoot().resolve("postgres"), Boolean.getBoolean("helpdesk.test.durable"));
                System.setProperty(PG_PORT, Integer.toString(postgres.getPort()));
            }
            String port = System.getProperty(PG_PORT);
            admin = DatabaseUrl.parse("pg", "postgresql://postgres:postgres@localhost:" + port + "/postgres");
            base = "postgresql://postgres:postgres@localhost:" + port + "/";
        }
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password())) {
            var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE " + name);
            }
        }
        return base + name;
    }

    private static Path dataRoot() throws IOException {
        if (System.getProperty(DATA_ROOT) == null) {
            System.setProperty(DATA_ROOT, Files.createTempDirectory("helpdesk-test-").toString());
        }
        return Path.of(System.getProperty(DATA_ROOT));
    }

    @Override
    public void stop() {
        // servers are shared by every application start in this JVM and die with it
    }

    /** Stops the embedded Redis (fault tests) with SHUTDOWN, whichever class loader started it. */
    public static void stopRedis() throws IOException {
        int port = Integer.parseInt(System.getProperty(REDIS_PORT));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write("SHUTDOWN NOSAVE\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().read();
        }
        redis = null;
    }

    /** Starts Redis again on the same port. */
    public static void startRedis() throws IOException {
        int port = Integer.parseInt(System.getProperty(REDIS_PORT));
        redis = EmbeddedServers.redis(dataRoot().resolve("redis"), port, false);
    }

    public static boolean redisControllable() {
        return System.getenv("TEST_REDIS_URL") == null;
    }
}
