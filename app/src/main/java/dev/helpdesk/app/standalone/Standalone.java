package dev.helpdesk.app.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import redis.embedded.RedisServer;

/**
 * Prepares standalone mode before the application boots: real PostgreSQL and Redis in the data
 * directory, a persisted signing key, and demo credentials that are generated once and kept.
 */
public final class Standalone {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Credentials(String adminEmail, String adminPassword, String agentEmail, String agentPassword,
                              String customerEmail, String customerPassword) {}

    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    public Standalone(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Starts the servers and returns the environment the app should see (DESIGN §5 names). */
    public Properties start() throws IOException {
        Files.createDirectories(dataDir);
        System.out.println("helpdesk standalone: data directory " + dataDir);
        postgres = EmbeddedServers.postgres(dataDir.resolve("postgres"), true);
        redis = EmbeddedServers.redis(dataDir.resolve("redis"), EmbeddedServers.freePort(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "standalone-shutdown"));

        Properties env = new Properties();
        env.setProperty("DATABASE_URL", "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
        env.setProperty("REDIS_URL", "redis://127.0.0.1:" + redis.ports().get(0));
        env.setProperty("HELPDESK_SECRET", persistedSecret());
        env.setProperty("STORAGE_PATH", dataDir.resolve("attachments").toString());
        return env;
    }

    /** The demo accounts' credentials, generated on the first start and kept in the data directory. */
    public Credentials credentials() throws IOException {
        Path file = credentialsFile();
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            p.setProperty("admin.email", "admin@example.com");
            p.setProperty("admin.password", password());
            p.setProperty("agent.email", "agent@example.com");
            p.setProperty("agent.password", password());
            p.setProperty("customer.email", "customer@example.com");
            p.setProperty("customer.password", password());
            writePrivate(file, out -> p.store(out, "helpdesk standalone demo accounts"));
        }
        return new Credentials(p.getProperty("admin.email"), p.getProperty("admin.password"),
                p.getProperty("agent.email"), p.getProperty("agent.password"),
                p.getProperty("customer.email"), p.getProperty("customer.password"));
    }

    public Path credentialsFile() {
        return dataDir.resolve("credentials.properties");
    }

    /** Records the admin's account as it is now (after it was created or reset), so the file stays true. */
    public void rememberAdmin(String email, String password) throws IOException {
        Path file = credentialsFile();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        p.setProperty("admin.email", email);
        p.setProperty("admin.password", password);
        writePrivate(file, out -> p.store(out, "helpdesk standalone demo accounts"));
    }

    public Path dataDir() {
        return dataDir;
    }

    private String persistedSecret() throws IOException {
        Path file = dataDir.resolve("secret");
        if (!Files.exists(file)) {
            byte[] key = new byte[48];
            RANDOM.nextBytes(key);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
            writePrivate(file, out -> out.write(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Files.readString(file).trim();
    }

    public static String password() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writePrivate(Path file, Writer writer) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(out);
        }
    }

    void stop() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException ignored) {
            // exiting anyway
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // exiting anyway
        }
    }
}
