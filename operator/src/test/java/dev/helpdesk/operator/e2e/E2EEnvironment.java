package dev.helpdesk.operator.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the e2e tests find the API server, the operator jar, the CRDs, the log directory and the
 * audit log. The Maven profile {@code e2e} passes the paths as system properties; the defaults are
 * the same paths relative to the module, so the tests also run from an IDE.
 */
public final class E2EEnvironment {
    public static final String SKIP_MESSAGE = "e2e tests need a real API server: set KUBECONFIG (see ../shared/k8s/README.md)";

    // printed once per JVM, not once per skipped class
    private static final AtomicBoolean SKIP_TOLD = new AtomicBoolean();

    private E2EEnvironment() {
    }

    /** The first file of KUBECONFIG, if it is set and exists. */
    public static Optional<Path> kubeconfig() {
        String value = System.getenv("KUBECONFIG");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path first = Path.of(value.split(File.pathSeparator)[0]);
        return Files.isRegularFile(first) ? Optional.of(first) : Optional.empty();
    }

    /** The kubeconfig, or aborts the calling test (reported as skipped) when there is no API server to talk to. */
    public static Path assumeKubeconfig() {
        Optional<Path> kubeconfig = kubeconfig();
        if (kubeconfig.isEmpty() && SKIP_TOLD.compareAndSet(false, true)) {
            String value = System.getenv("KUBECONFIG");
            System.out.println("[e2e] " + SKIP_MESSAGE
                    + (value == null || value.isBlank() ? "" : " (KUBECONFIG=" + value + " is not a file)"));
        }
        assumeTrue(kubeconfig.isPresent(), SKIP_MESSAGE);
        return kubeconfig.get();
    }

    /** The operator's runnable jar, built by the package phase. */
    public static Path operatorJar() {
        return path("helpdesk.e2e.operator-jar", "target/quarkus-app/quarkus-run.jar");
    }

    /** The committed CRDs, which is what users apply. */
    public static Path crdDirectory() {
        return path("helpdesk.e2e.crds", "../crds");
    }

    /** Operator logs land here, one file per started operator. */
    public static Path logDirectory() {
        return path("helpdesk.e2e.logs", "target/e2e-logs");
    }

    /** The API server's audit log: HELPDESK_AUDIT_LOG, else audit.log next to the kubeconfig (as kenv.sh lays them out). */
    public static Path auditLog(Path kubeconfig) {
        String explicit = System.getenv("HELPDESK_AUDIT_LOG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return kubeconfig.toAbsolutePath().resolveSibling("audit.log");
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
