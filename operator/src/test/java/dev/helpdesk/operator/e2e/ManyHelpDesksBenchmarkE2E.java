package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * N HelpDesks on the real API server with the simulated kubelet: time until all are Ready,
 * against the baseline of the same objects created directly (no operator running) until all
 * their workloads are ready; then the operator's writes in 60 s at rest and its heap. Only with
 * {@code -Dbenchmark=true} (see docs/benchmarks.md); N from {@code -Dbenchmark.sizes=50,200}.
 */
class ManyHelpDesksBenchmarkE2E extends E2ESupport {
    private static final int CLIENT_THREADS = 8;
    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "benchmark: run with -Dbenchmark=true");
        line("HelpDesk operator on a real kube-apiserver 1.23 + controller-manager + simulated kubelet, %d cores",
                Runtime.getRuntime().availableProcessors());
        line("%6s %12s %12s %8s %18s %12s", "N", "baseline s", "operator s", "ratio", "writes at rest/60s", "heap MiB");
        for (String size : System.getProperty("benchmark.sizes", "50,200").split(",")) {
            run(Integer.parseInt(size.trim()));
        }
        Files.write(Path.of("target", "benchmark-real-server.txt"), report);
    }

    private void run(int n) throws Exception {
        // the baseline runs on its own: no operator is running yet
        String baseNs = namespace("bench-base-" + n);
        double baseline = timed(() -> {
            parallel(n, i -> {
                for (HasMetadata r : objects(baseNs, i)) {
                    client.resource(r).create();
                }
            });
            eventually("bare workloads ready", Duration.ofMinutes(20), () -> assertThat(unready(baseNs, n)).isZero());
        });
        deleteAndWait(baseNs); // the operator's pass must not share the machine with the baseline's clean-up

        OperatorProcess operator = startOperator("bench-" + n).awaitStarted();
        awaitLeader();
        String opNs = namespace("bench-op-" + n);
        double withOperator = timed(() -> {
            parallel(n, i -> {
                HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", opNs);
                hd.getMetadata().setName("desk-" + i);
                client.resource(hd).create();
            });
            eventually("all HelpDesks Ready", Duration.ofMinutes(20), () -> assertThat(readyHelpDesks(opNs)).isEqualTo(n));
        });
        Thread.sleep(15_000); // the last pod and status changes settle
        Instant from = Instant.now();
        Thread.sleep(60_000);
        int atRest = audit.operatorWrites(from, Instant.now(), Set.of("leases")).size();
        long heap = heapMiB(operator);
        line("%6d %12.1f %12.1f %8.2f %18d %12d", n, baseline, withOperator, withOperator / baseline, atRest, heap);
        operator.stop();
        deleteAndWait(opNs);
    }

    private void deleteAndWait(String namespace) {
        client.namespaces().withName(namespace).delete();
        eventually(namespace + " deleted", Duration.ofMinutes(10), () -> assertThat(client.namespaces().withName(namespace).get()).isNull());
    }

    /** What the operator makes for one HelpDesk, without owner references (no HelpDesk exists to own them). */
    private static List<HasMetadata> objects(String namespace, int i) {
        HelpDesk hd = Samples.helpDesk("helpdesk-minimal.yaml", namespace);
        hd.getMetadata().setName("desk-" + i);
        hd.getMetadata().setUid(UUID.randomUUID().toString());
        hd.getMetadata().setGeneration(1L);
        List<HasMetadata> out = List.of(SupportDependents.serviceAccount(hd), GeneratedSecretDependent.desired(hd),
                AdminSecretDependent.desired(hd), AppConfigMapDependent.desired(hd), SupportDependents.attachments(hd),
                PostgresDependents.statefulSet(hd), PostgresDependents.service(hd), RedisDependents.statefulSet(hd),
                RedisDependents.service(hd), SupportDependents.dataAccess(hd), MigrationJobDependent.desired(hd, 1),
                AppDependents.deployment(hd, "x", "y"), AppDependents.service(hd), WorkerDependent.deployment(hd, "x", "y"),
                WorkerDependent.service(hd), AppDependents.pdb(hd));
        out.forEach(r -> r.getMetadata().setOwnerReferences(null));
        return out;
    }

    private long unready(String namespace, int n) {
        long deployments = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                        && d.getStatus().getAvailableReplicas().equals(d.getSpec().getReplicas())).count();
        long sets = client.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
                .filter(s -> s.getStatus() != null && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas())).count();
        long jobs = client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                .filter(j -> j.getStatus() != null && Integer.valueOf(1).equals(j.getStatus().getSucceeded())).count();
        return 5L * n - deployments - sets - jobs;
    }

    private long readyHelpDesks(String namespace) {
        return client.genericKubernetesResources(HELPDESK_API_VERSION, HELPDESK_KIND).inNamespace(namespace).list().getItems().stream()
                .filter(h -> {
                    List<?> conditions = h.get("status", "conditions");
                    return conditions != null && conditions.stream().anyMatch(c -> c instanceof java.util.Map<?, ?> m
                            && "Ready".equals(m.get("type")) && "True".equals(m.get("status")));
                }).count();
    }

    private String namespace(String name) {
        if (client.namespaces().withName(name).get() != null) {
            deleteAndWait(name);
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** JVM heap in use after a full GC (jcmd), from the operator's own /q/metrics: what the caches really hold. */
    private static long heapMiB(OperatorProcess operator) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), Long.toString(operator.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operator.uri() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double bytes = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        return Math.round(bytes / (1024 * 1024));
    }

    private interface Step {
        void run() throws Exception;
    }

    private interface Indexed {
        void run(int i) throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Creates as a deployment pipeline would: several requests in flight. */
    private static void parallel(int n, Indexed work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    work.run(index);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }
}
