package dev.helpdesk.app;

import dev.helpdesk.app.cli.ResultLine;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigException;
import dev.helpdesk.app.config.ConfigReader;
import dev.helpdesk.app.config.DatabaseUrl;
import dev.helpdesk.app.db.SchemaInfo;
import dev.helpdesk.app.directory.AdminBootstrap;
import dev.helpdesk.app.health.Startup;
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
                           [--dry-run] change nothing; print the schema range this version serves and whether it
                           can serve the database (docs/upgrade-and-rollback.md)
              worker       job queue consumer and SLA scanner; health on port 8081 (/health)
              health       print the worker health JSON; exit 1 when unhealthy
              dlq-replay   move every dead-lettered job back into the queue; prints {"replayed":N}
              backup       pg_dump plus the attachment files to BACKUP_PATH or BACKUP_S3_*, folder BACKUP_NAME;
                           prints {"location":...,"sizeBytes":...,"sha256":...,"schemaVersion":...}
              restore      checks and restores backup BACKUP_NAME (database and attachment files); a damaged
                           or incomplete backup is refused without touching the database
              restore-fetch, restore-files
                           the two halves of restore around a database restore made elsewhere (the operator's Job
                           runs pg_restore of the server's major in between), staged in BACKUP_STAGE_DIR
              freeze-writes, unfreeze-writes
                           make the desk read-only (writes answer 503, reads work; reason from WRITE_FREEZE_REASON)
                           and writable again; the operator brackets upgrades with them (docs/upgrade-and-rollback.md)
              delete-backup
                           deletes backup BACKUP_NAME's files from BACKUP_PATH or BACKUP_S3_*; prints {"deleted":N}
              reset-admin-password
                           set the password of HELPDESK_ADMIN_EMAIL (default: the first admin) to
                           HELPDESK_ADMIN_PASSWORD, or to a generated one that is printed; ends its sessions
              standalone   everything in one process on embedded PostgreSQL and Redis
                           [--data-dir DIR] (default ./helpdesk-data)
                           [--listen HOST[:PORT]] (default 127.0.0.1, port from PORT or 8080)
                           [--reset-admin-password] (as the role, for the standalone desk)""";

    private static Standalone standalone;
    private static boolean standaloneReset;
    private static String listenHost = "127.0.0.1";

    public static void main(String... args) {
        String role = args.length == 0 ? "" : args[0];
        switch (role) {
            case "serve", "migrate", "worker", "health", "dlq-replay", "reset-admin-password", "backup", "restore", "restore-fetch", "restore-files", "delete-backup", "freeze-writes",
                 "unfreeze-writes" -> { }
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
        Map<String, String> roleProperties = new LinkedHashMap<>();
        roleProperties.put(dev.helpdesk.app.queue.JobRoles.PROPERTY, role);
        if (role.equals("worker") && System.getProperty("quarkus.http.port") == null && System.getenv("QUARKUS_HTTP_PORT") == null) {
            roleProperties.put("quarkus.http.port", "8081");
        }
        // one-shot roles open no port and run no background jobs (a skipped tick after shutdown was logged as an ERROR)
        boolean oneShot = role.equals("migrate") || role.equals("health") || role.equals("dlq-replay") || role.equals("reset-admin-password")
                || role.startsWith("backup") || role.startsWith("restore") || role.equals("delete-backup") || role.endsWith("freeze-writes");
        if (oneShot && System.getProperty(HTTP_ENABLED) == null) {
            roleProperties.put(HTTP_ENABLED, "false");
        }
        if (oneShot && System.getProperty("quarkus.scheduler.enabled") == null) {
            roleProperties.put("quarkus.scheduler.enabled", "false");
        }
        // these roles open the port before they have bootstrapped: readiness waits for them
        if (role.equals("serve") || role.equals("standalone")) {
            roleProperties.put(Startup.PENDING_PROPERTY, "true");
        }
        // restored afterwards for callers that run several roles in one JVM (tests)
        Map<String, String> previous = new LinkedHashMap<>();
        roleProperties.forEach((k, v) -> {
            previous.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        try {
            Quarkus.run(Main.class, args);
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static final String HTTP_ENABLED = "quarkus.http.host-enabled";

    private static void startStandalone(String[] args) {
        Path dataDir = Path.of(Optional.ofNullable(System.getenv("HELPDESK_DATA_DIR")).orElse("helpdesk-data"));
        String port = Optional.ofNullable(System.getenv("PORT")).orElse("8080");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].equals("--listen") && i + 1 < args.length) {
                String listen = args[++i];
                int colon = listen.lastIndexOf(':');
                boolean hasPort = colon > 0 && !listen.endsWith("]") && listen.indexOf(':') == colon;
                listenHost = hasPort ? listen.substring(0, colon) : listen;
                if (hasPort) {
                    port = listen.substring(colon + 1);
                }
            } else if (args[i].equals("--reset-admin-password")) {
                standaloneReset = true;
            } else {
                System.err.println("error: unknown standalone option '" + args[i] + "'; use --data-dir DIR, --listen HOST[:PORT] "
                        + "or --reset-admin-password");
                System.exit(2);
            }
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
            System.err.println("error: the port must be a number from 0 to 65535 (got '" + port + "')");
            System.exit(2);
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
            System.setProperty("quarkus.http.host", listenHost);
            System.setProperty("quarkus.http.port", port);
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
    @Inject
    Provider<Startup> startup;
    @Inject
    Provider<dev.helpdesk.app.freeze.WriteFreeze> writeFreeze;

    @Override
    public int run(String... args) throws Exception {
        try {
            var mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            ConfigReader env = new ConfigReader(name -> mp.getOptionalValue(name, String.class));
            if (args[0].equals("migrate") || args[0].equals("reset-admin-password") || args[0].endsWith("freeze-writes")) {
                DatabaseUrl.parse("DATABASE_URL", env.required("DATABASE_URL"));
            } else if (args[0].equals("backup") || args[0].startsWith("restore")) {
                backups = new dev.helpdesk.app.backup.Backups(DatabaseUrl.parse("DATABASE_URL", env.required("DATABASE_URL")),
                        dev.helpdesk.app.storage.BlobStoreProducer.of(AppConfig.readStorage(env)),
                        dev.helpdesk.app.backup.BackupTarget.read(env), env.optional("PG_BIN_DIR").map(java.nio.file.Path::of).orElse(null));
                backupName = dev.helpdesk.app.backup.BackupTarget.name(env);
                backupDumpFile = env.optional("BACKUP_DUMP_FILE").map(java.nio.file.Path::of).orElse(null);
                if (args[0].startsWith("restore-")) {
                    backupStageDir = java.nio.file.Path.of(env.required("BACKUP_STAGE_DIR"));
                }
            } else if (args[0].equals("delete-backup")) {
                backupTarget = dev.helpdesk.app.backup.BackupTarget.read(env);
                backupName = dev.helpdesk.app.backup.BackupTarget.name(env);
            } else {
                config.get();
            }
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        return switch (args[0]) {
            case "migrate" -> args.length == 1 ? migrate() : args.length == 2 && args[1].equals("--dry-run") ? migrateDryRun() : usage(
                    "migrate takes no argument but --dry-run (got " + String.join(" ", java.util.Arrays.asList(args).subList(1, args.length)) + ")");
            case "serve", "worker" -> serve();
            case "health" -> health();
            case "dlq-replay" -> {
                ResultLine.emit(Map.of("replayed", jobQueue.get().replayDeadLetters()));
                yield 0;
            }
            case "reset-admin-password" -> resetAdminPassword();
            case "backup", "restore" -> backupOrRestore(args[0]);
            case "delete-backup" -> deleteBackup();
            case "freeze-writes" -> oneShot("freeze-writes", () -> {
                var frozen = writeFreeze.get().freeze(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("WRITE_FREEZE_REASON", String.class).filter(r -> !r.isBlank()).orElse("writes frozen by an administrator"));
                // a dump that starts now must hold every write accepted before the freeze: let the replicas and open transactions catch up
                int open = writeFreeze.get().awaitWritesDrained(java.time.Duration.ofSeconds(30));
                return Map.of("writesFrozen", true, "since", frozen.since().toString(), "reason", frozen.reason(), "openTransactions", open);
            });
            case "unfreeze-writes" -> oneShot("unfreeze-writes", () -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("writesFrozen", false);
                writeFreeze.get().unfreeze().ifPresent(f -> {
                    result.put("frozenSince", f.since().toString());
                    result.put("frozenSeconds", java.time.Duration.between(f.since(), java.time.Instant.now()).toSeconds());
                });
                return result;
            });
            case "restore-fetch", "restore-files" -> stagedRestore(args[0]);
            case "standalone" -> runStandalone();
            default -> 2;
        };
    }

    private int migrate() {
        return oneShot("migration", () -> {
            SchemaInfo.State before = schema.get().state();
            String version = schema.get().migrate();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("schemaVersion", version);
            result.put("previousSchemaVersion", before.current());
            result.put("migrationsApplied", before.pending());
            result.put("serverMajor", schema.get().serverMajor()); // the operator picks its backup Jobs' client tools by it
            result.put("contractFloor", schema.get().storedFloor());
            return result;
        });
    }

    /** A one-shot role's work: exit 0 with its result line, or 1 with {"error":…} and the same on stderr. */
    private static int oneShot(String what, java.util.concurrent.Callable<Map<String, Object>> work) {
        try {
            ResultLine.emit(work.call());
            return 0;
        } catch (Exception e) {
            String message = rootMessage(e);
            System.err.println("error: " + what + " failed: " + message);
            ResultLine.emit(Map.of("error", what + " failed: " + message));
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println("error: " + problem);
        return 2;
    }

    /**
     * What {@code migrate} would do, changing nothing: the schema this version migrates to, the
     * range it serves, the database's state and whether this version can serve it once migrated.
     * The operator asks this of a version before it deploys it (downgrade guard, rollback).
     */
    private int migrateDryRun() {
        return oneShot("migrate --dry-run", () -> {
            SchemaInfo.State state = schema.get().state();
            dev.helpdesk.app.db.SchemaCompat compat = dev.helpdesk.app.db.SchemaCompat.declared();
            String floor = schema.get().storedFloor();
            // once migrated, the database is at least at this version's newest migration
            String after = state.current() == null || dev.helpdesk.app.db.SchemaCompat.VERSIONS.compare(state.current(), state.latest()) < 0
                    ? state.latest() : state.current();
            String afterFloor = compat.floorAt(after).filter(f -> floor == null || dev.helpdesk.app.db.SchemaCompat.VERSIONS.compare(f, floor) > 0)
                    .orElse(floor);
            Optional<String> problem = compat.problem(after, afterFloor, state.latest());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", true);
            result.put("schemaVersion", state.latest());
            result.put("oldestServable", compat.oldestServable());
            result.put("contractFloor", compat.floorAt(state.latest()).orElse(null));
            result.put("currentSchemaVersion", state.current());
            result.put("databaseContractFloor", floor);
            result.put("pendingMigrations", state.pending());
            result.put("canServe", problem.isEmpty());
            problem.ifPresent(p -> result.put("reason", p));
            result.put("serverMajor", schema.get().serverMajor());
            return result;
        });
    }

    private dev.helpdesk.app.backup.Backups backups;
    private String backupName;
    private java.nio.file.Path backupDumpFile;
    private java.nio.file.Path backupStageDir;
    private dev.helpdesk.app.backup.BackupTarget backupTarget;

    /** The halves of a restore around a database restore made by another container (the operator's Job). */
    private int stagedRestore(String role) {
        return oneShot(role, () -> {
            return role.equals("restore-fetch") ? backups.fetch(backupName, backupStageDir)
                    : backups.restoreFiles(backupName, backupStageDir);
        });
    }

    private int deleteBackup() {
        return oneShot("delete-backup", () -> Map.of("deleted", backupTarget.delete(backupName)));
    }

    /** Exit 0 with the result line; 1 with {"error":...} (a refused restore changed nothing). */
    private int backupOrRestore(String role) {
        return oneShot(role, () -> {
            String version = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.application.version", String.class).orElse(null);
            return role.equals("backup") ? backups.backup(backupName, version, backupDumpFile) : backups.restore(backupName);
        });
    }

    private int resetAdminPassword() {
        var mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Optional<String> email = mp.getOptionalValue("HELPDESK_ADMIN_EMAIL", String.class).filter(s -> !s.isBlank());
        Optional<String> given = mp.getOptionalValue("HELPDESK_ADMIN_PASSWORD", String.class).filter(s -> !s.isBlank());
        String password = given.orElseGet(Standalone::password);
        if (password.length() < 8 || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            System.err.println("error: HELPDESK_ADMIN_PASSWORD: must be 8 characters to 72 bytes long");
            return 2;
        }
        try {
            String admin = adminBootstrap.get().resetPassword(email, password);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("email", admin);
            if (given.isEmpty()) {
                result.put("password", password); // generated: shown this once
            }
            ResultLine.emit(result);
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
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
        // one clear line naming both versions, instead of serving a schema this code does not match
        Optional<String> problem = dev.helpdesk.app.db.SchemaCompat.declared().problem(state.current(), schema.get().storedFloor(), state.latest());
        if (problem.isPresent()) {
            System.err.println("error: " + problem.get());
            return 1;
        }
        config.get().admin().ifPresent(a -> adminBootstrap.get().ensureFirstAdmin(a));
        startup.get().markDone();
        Quarkus.waitForExit();
        return 0;
    }

    private int runStandalone() throws Exception {
        schema.get().migrate();
        Optional<AppConfig.Admin> fromEnv = config.get().admin();
        Standalone.Credentials generated = standalone.credentials();
        String adminEmail = fromEnv.map(AppConfig.Admin::email).orElse(generated.adminEmail());
        String adminPassword = fromEnv.map(AppConfig.Admin::password).orElse(generated.adminPassword());
        String adminLine;
        if (standaloneReset) {
            String password = fromEnv.map(AppConfig.Admin::password).orElseGet(Standalone::password);
            String email = adminBootstrap.get().resetPassword(Optional.empty(), password);
            standalone.rememberAdmin(email, password);
            adminLine = email + " / " + (fromEnv.isPresent() ? "(HELPDESK_ADMIN_PASSWORD)" : password) + "   (password reset now)";
        } else if (adminBootstrap.get().ensureFirstAdmin(new AppConfig.Admin(adminEmail, adminPassword))) {
            if (fromEnv.isEmpty()) {
                adminLine = adminEmail + " / " + adminPassword;
            } else {
                standalone.rememberAdmin(adminEmail, adminPassword);
                adminLine = adminEmail + " / (HELPDESK_ADMIN_PASSWORD)";
            }
        } else {
            // DESIGN §5: the admin variables create the first admin only; they never change an existing one
            adminLine = adminBootstrap.get().firstAdminEmail().orElse(adminEmail) + " / (set at the first start; see "
                    + standalone.credentialsFile() + " unless changed since)"
                    + (fromEnv.isPresent() ? "\n            HELPDESK_ADMIN_PASSWORD is not applied: an admin exists. To reset it, start once with "
                            + "--reset-admin-password" : "");
        }
        boolean seeded = demoSeed.get().seedOnce(generated);
        startup.get().markDone();
        String port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", String.class).orElse("8080");
        boolean everywhere = listenHost.equals("0.0.0.0") || listenHost.equals("::") || listenHost.equals("[::]");
        String url = "http://" + (everywhere ? "localhost" : listenHost) + ":" + port;
        String passwords = seeded ? "" : "   (as generated at the first start)";
        System.out.printf("""

                HelpDesk is running on %s  (%s; %s)
                  admin     %s
                  agent     %s / %s%s
                  customer  %s / %s%s
                Open %s/ in a browser and sign in, or try the API:
                  curl -s -X POST %s/api/v1/auth/login -H 'Content-Type: application/json' \\
                         -d '{"email":"%s","password":"%s"}'
                Stop with Ctrl+C; data stays in %s.
                %n""", url, everywhere ? "listening on all interfaces" : "reachable from this machine only; --listen 0.0.0.0 to share",
                seeded ? "demo data created" : "existing data kept", adminLine,
                generated.agentEmail(), generated.agentPassword(), passwords, generated.customerEmail(), generated.customerPassword(),
                passwords, url, url, generated.agentEmail(), generated.agentPassword(), standalone.dataDir());
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
