package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.operator.api.HelpDeskBackup;
import dev.helpdesk.operator.api.HelpDeskBackupStatus;
import dev.helpdesk.operator.api.HelpDeskRestore;
import dev.helpdesk.operator.api.HelpDeskRestoreStatus;
import dev.helpdesk.operator.build.OlmBundle;
import dev.helpdesk.operator.dependent.PostgresDependents;
import dev.helpdesk.operator.testing.OperatorTest;
import dev.helpdesk.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.ClusterServiceVersion;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.RelatedImage;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The committed bundle's relatedImages name every image the operator actually starts (so a
 * disconnected cluster that mirrors them runs everything): install, back up and restore the
 * samples, and collect the image of every container the operator created on the way.
 */
@QuarkusTest
class RelatedImagesScenarioTest extends OperatorTest {
    private final Set<String> started = new ConcurrentSkipListSet<>();
    private final List<Watch> watches = new ArrayList<>();

    @AfterEach
    void closeWatches() {
        watches.forEach(Watch::close);
    }

    private <R extends HasMetadata> void collect(Class<R> kind, Function<R, PodTemplateSpec> template) {
        watches.add(client.resources(kind).inNamespace(ns).watch(new Watcher<R>() {
            @Override
            public void eventReceived(Action action, R r) {
                var pod = template.apply(r).getSpec();
                Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).map(Container::getImage).forEach(started::add);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
    }

    private static List<String> relatedImages() throws IOException {
        ClusterServiceVersion csv = Serialization.unmarshal(Files.readString(Path.of("..", "bundle").resolve(OlmBundle.CSV)),
                ClusterServiceVersion.class);
        return csv.getSpec().getRelatedImages().stream().map(RelatedImage::getImage).toList();
    }

    @Test
    void everyImageTheOperatorStartsIsARelatedImageOfTheBundle() throws IOException {
        collect(Deployment.class, d -> d.getSpec().getTemplate());
        collect(StatefulSet.class, s -> s.getSpec().getTemplate());
        collect(Job.class, j -> j.getSpec().getTemplate());

        installReady("helpdesk-minimal.yaml");
        client.resource(Samples.load("backup.yaml", HelpDeskBackup.class, ns)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> HelpDeskBackupStatus.SUCCEEDED.equals(
                client.resources(HelpDeskBackup.class).inNamespace(ns).withName("support-before-migration").get().phase()));
        client.resource(Samples.load("restore.yaml", HelpDeskRestore.class, ns)).create();
        await().atMost(Duration.ofSeconds(40)).until(() -> HelpDeskRestoreStatus.SUCCEEDED.equals(
                client.resources(HelpDeskRestore.class).inNamespace(ns).withName("support-restore-1").get().phase()));

        assertThat(started).as("app, worker, database, redis and Job images")
                .contains("ghcr.io/helpdesk-dev/helpdesk-app:1.0.0", "docker.io/library/redis:7.4-alpine", PostgresDependents.image("16"));
        assertThat(relatedImages()).containsAll(started);
    }

    @Test
    void everyPostgresMajorTheCrdAcceptsHasItsImageInTheBundle() throws IOException {
        assertThat(RelatedImages.postgresMajors()).containsExactly("14", "15", "16", "17");
        assertThat(relatedImages()).containsAll(RelatedImages.postgresMajors().stream().map(PostgresDependents::image).toList());
    }
}
