package dev.helpdesk.app;

import dev.helpdesk.app.cli.ResultLine;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigException;
import dev.helpdesk.app.config.ConfigReader;
import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.db.SchemaInfo;
import dev.helpdesk.app.directory.AdminBootstrap;
import dev.helpdesk.app.standalone.DemoSeed;
import dev.helpdesk.app.standalone.Standalone;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One executable, several roles (DESIGN §5): the first argument picks it. Configuration is
 * validated before the application boots, so a bad value costs one clear line, not a stack trace.
 */
@QuarkusMain
public class Main implements QuarkusApplication {
    static final String USAGE = """
            usage: helpdesk <role>
              serve        HTTP API and web UI (needs DATABASE_URL, REDIS_URL, HELPDESK_SECRET)
              migrate      apply database migrations, print {"schemaVersion":...}; exit 1 on failure
              worker       job queue consumer and SLA scanner; health on port 8081 (/health)
              health       print the worker health JSON; exit 1 when unhealthy
              dlq-replay   move every dead-lettered job back into the queue; prints {"replayed":N}
              standalone   everything in one process on embedded PostgreSQL and Redis
                           [--data-dir DIR] (default ./helpdesk-data), port from PORT (default 8080)""";

    private static Standalone standalone;

    public static void main(String... args) {
        String role = args.length == 0 ? "" : args[0];
        switch (role) {
            case "serve", "migrate", "worker", "health", "dlq-replay" -> { }
            case "standalone" -> startStandalone(args);
            case "help", "--help", "-h" -> {
                System.out.println(USAGE);
                return;
            }
            default -> {
                System.err.println(role.isEmpty() ? "error: no role given" : "error: unknown role '" + role + "'");
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        String previousRole = System.getProperty(dev.helpdesk.app.queue.JobRoles.PROPERTY);
        System.setProperty(dev.helpdesk.app.queue.JobRoles.PROPERTY, role);
        if (role.equals("worker") && System.getProperty("quarkus.http.port") == null && System.getenv("QUARKUS_HTTP_PORT") == null) {
            System.setProperty("quarkus.http.port", "8081");
        }
        // one-shot roles open no port; restored afterwards for callers that run several roles in one JVM (tests)
        boolean quiet = (role.equals("migrate") || role.equals("health") || role.equals("dlq-replay"))
                && System.getProperty(HTTP_ENABLED) == null;
        if (quiet) {
            System.setProperty(HTTP_ENABLED, "false");
        }
        try {
            Quarkus.run(Main.class, args);
        } finally {
            if (quiet) {
                System.clearProperty(HTTP_ENABLED);
            }
            if (previousRole == null) {
                System.clearProperty(dev.helpdesk.app.queue.JobRoles.PROPERTY);
            } else {
                System.setProperty(dev.helpdesk.app.queue.JobRoles.PROPERTY, previousRole);
            }
        }
    }

    private static final String HTTP_ENABLED = "quarkus.http.host-enabled";

    private static void startStandalone(String[] args) {
        Path dataDir = Path.of(Optional.ofNullable(System.getenv("HELPDESK_DATA_DIR")).orElse("helpdesk-data"));
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else {
                System.err.println("error: unknown standalone option '" + args[i] + "'; use --data-dir DIR");
                System.exit(2);
            }
        }
        standalone = new Standalone(dataDir);
        try {
            Properties env = standalone.start();
            // explicit environment wins over the standalone defaults
            env.forEach((k, v) -> {
                if (System.getenv((String) k) == null && System.getProperty((String) k) == null) {
                    System.setProperty((String) k, (String) v);
                }
            });
            if (System.getenv("PORT") != null) {
                System.setProperty("quarkus.http.port", System.getenv("PORT"));
            }
        } catch (java.io.IOException e) {
            System.err.println("error: standalone servers could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    @Inject
    Provider<SchemaInfo> schema;
    @Inject
    Provider<AppConfig> config;
    @Inject
    Provider<AdminBootstrap> adminBootstrap;
    @Inject
    Provider<DemoSeed> demoSeed;

    @Override
    public int run(String... args) throws Exception {
        try {
            var mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            ConfigReader env = new ConfigReader(name -> mp.getOptionalValue(name, String.class));
            if (args[0].equals("migrate")) {
                DatabaseUrl.parse("DATABASE_URL", env.required("DATABASE_URL"));
            } else {
                config.get();
            }
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        return switch (args[0]) {
            case "migrate" -> migrate();
            case "serve", "worker" -> serve();
            case "health" -> health();
            case "dlq-replay" -> {
                ResultLine.emit(Map.of("replayed", jobQueue.get().replayDeadLetters()));
                yield 0;
            }
            case "standalone" -> runStandalone();
            default -> 2;
        };
    }

    private int migrate() {
        try {
            SchemaInfo.State before = schema.get().state();
            String version = schema.get().migrate();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("schemaVersion", version);
            result.put("previousSchemaVersion", before.current());
            result.put("migrationsApplied", before.pending());
            ResultLine.emit(result);
            return 0;
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            System.err.println("error: migration failed: " + message);
            ResultLine.emit(Map.of("error", "migration failed: " + message));
            return 1;
        }
    }

    @Inject
    Provider<dev.helpdesk.app.queue.WorkerHealth> workerHealth;

    @Inject
    Provider<dev.helpdesk.app.queue.JobQueue> jobQueue;

    private int health() {
        Map<String, Object> report = workerHealth.get().report();
        try {
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return workerHealth.get().healthy(report) ? 0 : 1;
    }

    private int serve() {
        SchemaInfo.State state;
        try {
            state = schema.get().state();
        } catch (RuntimeException e) {
            System.err.println("error: cannot read the database schema at " + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("(no DATABASE_URL)").replaceAll("\\?.*", "")
                    + " (DATABASE_URL): " + rootMessage(e));
            return 1;
        }
        if (!state.upToDate()) {
            System.err.println("error: the database schema is " + (state.current() == null ? "empty" : "at version " + state.current())
                    + " but this build needs "
                    + state.latest() + " (" + state.pending() + " pending migrations); run the 'migrate' role first");
            return 1;
        }
        config.get().admin().ifPresent(a -> adminBootstrap.get().ensureFirstAdmin(a));
        Quarkus.waitForExit();
        return 0;
    }

    private int runStandalone() throws Exception {
        schema.get().migrate();
        Optional<AppConfig.Admin> admin = config.get().admin();
        Standalone.Credentials creds = standalone.credentials(admin.map(AppConfig.Admin::email).orElse(null),
                admin.map(AppConfig.Admin::password).orElse(null));
        adminBootstrap.get().ensureFirstAdmin(new AppConfig.Admin(creds.adminEmail(), creds.adminPassword()));
        boolean seeded = demoSeed.get().seedOnce(creds);
        String port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", String.class).orElse("8080");
        System.out.printf("""

                HelpDesk is running on http://localhost:%s  (%s)
                  admin     %s / %s
                  agent     %s / %s
                  customer  %s / %s
                Try: curl -s -X POST localhost:%s/api/v1/auth/login -H 'Content-Type: application/json' \\
                       -d '{"email":"%s","password":"%s"}'
                Stop with Ctrl+C; data stays in the data directory.
                %n""", port, seeded ? "demo data created" : "existing data kept",
                creds.adminEmail(), creds.adminPassword(), creds.agentEmail(), creds.agentPassword(),
                creds.customerEmail(), creds.customerPassword(), port, creds.agentEmail(), creds.agentPassword());
        Quarkus.waitForExit();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
