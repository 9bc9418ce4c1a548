package dev.helpdesk.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeated Events are counted on one Event, as kubectl describe expects ("x3 over 2s"). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EventRecorderTest {
    @Inject
    KubernetesClient client;

    private HelpDesk helpDesk(String ns) {
        HelpDesk hd = new HelpDesk();
        hd.setMetadata(new ObjectMetaBuilder().withName("support").withNamespace(ns).withUid("uid-" + ns).build());
        return hd;
    }

    private List<Event> events(String ns) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .sorted(Comparator.comparing(e -> e.getMessage())).toList();
    }

    @Test
    void theSameWarningRepeatedIsOneEventWithACount() {
        EventRecorder recorder = new EventRecorder(client);
        HelpDesk hd = helpDesk("events-1");
        for (int i = 0; i < 3; i++) {
            recorder.warning(hd, "MigrationFailed", "Job support-migrate-1 failed: exit 1");
        }
        recorder.warning(hd, "MigrationFailed", "Job support-migrate-2 failed: exit 1");
        List<Event> events = events("events-1");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getCount()).isEqualTo(3);
        assertThat(events.get(0).getReason()).isEqualTo("MigrationFailed");
        assertThat(events.get(0).getType()).isEqualTo("Warning");
        assertThat(events.get(1).getCount()).isEqualTo(1);
    }

    @Test
    void anEventTheServerDroppedIsCreatedAgain() {
        EventRecorder recorder = new EventRecorder(client);
        HelpDesk hd = helpDesk("events-2");
        recorder.normal(hd, "Ready", "HelpDesk 1.0.0 is ready");
        client.v1().events().inNamespace("events-2").delete();
        recorder.normal(hd, "Ready", "HelpDesk 1.0.0 is ready");
        assertThat(events("events-2")).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
    }
}
