package dev.helpdesk.operator.status;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Kubernetes Events on the HelpDesk, one per transition, so kubectl describe tells the story. */
public class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void normal(HelpDesk hd, String reason, String message) {
        emit(hd, "Normal", reason, message);
    }

    public void warning(HelpDesk hd, String reason, String message) {
        emit(hd, "Warning", reason, message);
    }

    private void emit(HelpDesk hd, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(hd.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(hd.getMetadata().getName() + ".").withNamespace(hd.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion(hd.getApiVersion()).withKind(hd.getKind())
                    .withName(hd.getMetadata().getName()).withNamespace(hd.getMetadata().getNamespace())
                    .withUid(hd.getMetadata().getUid()).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("helpdesk-operator").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            LOG.debugf("could not record event %s on %s: %s", reason, hd.getMetadata().getName(), e.getMessage());
        }
        LOG.infof("%s/%s %s %s: %s", hd.getMetadata().getNamespace(), hd.getMetadata().getName(), type, reason, message);
    }
}
