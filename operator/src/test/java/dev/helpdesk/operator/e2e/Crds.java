package dev.helpdesk.operator.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Applies the committed CRDs (what users apply) once per test run, by server-side apply, and waits until they are served. */
final class Crds {
    private static boolean applied;

    private Crds() {
    }

    static synchronized void applyOnce(KubernetesClient client, Path directory, String fieldManager) {
        if (applied) {
            return;
        }
        for (Path file : files(directory)) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
            client.resource(crd).fieldManager(fieldManager).forceConflicts().serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
        }
        applied = true;
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> crds = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
            if (crds.isEmpty()) {
                throw new IllegalStateException("no CRDs in " + directory);
            }
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the CRDs in " + directory, e);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
