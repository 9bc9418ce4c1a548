package dev.helpdesk.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.dependent.AdminSecretDependent;
import dev.helpdesk.operator.dependent.AppConfigMapDependent;
import dev.helpdesk.operator.dependent.AppDependents;
import dev.helpdesk.operator.dependent.GeneratedSecretDependent;
import dev.helpdesk.operator.dependent.MigrationJobDependent;
import dev.helpdesk.operator.dependent.PostgresDependents;
import dev.helpdesk.operator.dependent.RedisDependents;
import dev.helpdesk.operator.dependent.SupportDependents;
import dev.helpdesk.operator.dependent.WorkerDependent;
import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * N HelpDesks on the mock API server (with the cluster simulator): time until all are Ready,
 * reconciles per second, API requests per HelpDesk and heap after convergence — against the
 * baseline of creating the same objects straight through the client on the same server.
 * Run with {@code mvn -B -pl operator test -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class OperatorBenchmark extends OperatorTest {
    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MeterRegistry metrics;

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        line("HelpDesk operator benchmark on the fabric8 mock API server, %d cores, Java %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        line("%6s %14s %12s %14s %16s %14s %12s", "N", "all Ready s", "reconciles/s", "requests/HD",
                "baseline s", "ratio op/base", "heap MiB");
        for (int n : new int[] {50, 200}) {
            run(n);
        }
        Files.write(Path.of("target", "benchmark-results.txt"), report);
    }

    private void run(int n) throws Exception {
        String namespace = "bench-" + n;
        int requestsBefore = server.getKubernetesMockServer().getRequestCount();
        double reconcilesBefore = reconciles(namespace);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", namespace);
            hd.getMetadata().setName("desk-" + i);
            client.resource(hd).create();
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                client.resources(HelpDesk.class).inNamespace(namespace).list().getItems().stream().filter(h -> h.getStatus() != null
                        && Conditions.find(h.getStatus().conditions, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false))
                        .count() == n);
        double seconds = (System.nanoTime() - start) / 1e9;
        int requests = server.getKubernetesMockServer().getRequestCount() - requestsBefore;
        double reconciles = reconciles(namespace) - reconcilesBefore;
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);

        double baseline = baseline("base-" + n, n);
        line("%6d %14.2f %12.1f %14.1f %16.2f %14.2f %12d", n, seconds, reconciles / seconds, (double) requests / n,
                baseline, seconds / baseline, heap);
    }

    /** The same objects, created one by one with the client: the floor for any operator on this server. */
    private double baseline(String namespace, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", namespace);
            hd.getMetadata().setName("desk-" + i);
            hd.getMetadata().setUid(UUID.randomUUID().toString());
            hd.getMetadata().setGeneration(1L);
            for (HasMetadata r : List.of(SupportDependents.serviceAccount(hd), GeneratedSecretDependent.desired(hd),
                    AdminSecretDependent.desired(hd), AppConfigMapDependent.desired(hd), SupportDependents.attachments(hd),
                    PostgresDependents.statefulSet(hd), PostgresDependents.service(hd), RedisDependents.statefulSet(hd),
                    RedisDependents.service(hd), SupportDependents.dataAccess(hd), MigrationJobDependent.desired(hd, 1),
                    AppDependents.deployment(hd, "x", "y"), AppDependents.service(hd), WorkerDependent.deployment(hd, "x", "y"),
                    AppDependents.pdb(hd))) {
                client.resource(r).create();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double reconciles(String namespace) {
        return metrics.find("helpdesk.operator.reconciles").tag("namespace", namespace).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }
}
