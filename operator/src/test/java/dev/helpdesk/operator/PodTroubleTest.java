package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.status.Conditions;
import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl describe hd tells what is wrong with a pod without looking at pods. */
@QuarkusTest
class PodTroubleTest extends OperatorTest {

    @Test
    void aCrashLoopingAppPodIsNamedInDegradedAndRecoveryIsReported() {
        installReady("helpdesk-minimal.yaml");
        client.resource(new PodBuilder().withNewMetadata().withName("support-app-7d9f-x1").withNamespace(ns)
                .withLabels(Map.of("app.kubernetes.io/name", "helpdesk", "app.kubernetes.io/instance", "support",
                        "app.kubernetes.io/component", "app", "app.kubernetes.io/managed-by", "helpdesk-operator"))
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec()
                .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("app").withNewState().withNewWaiting()
                        .withReason("CrashLoopBackOff").withMessage("back-off 5m0s restarting failed container").endWaiting().endState().build())
                .endStatus().build()).create();
        Condition degraded = awaitCondition("support", Conditions.DEGRADED, "True", "PodProblem");
        assertThat(degraded.getMessage()).contains("support-app-7d9f-x1").contains("CrashLoopBackOff");
        assertThat(get("support").getStatus().phase).isEqualTo("Degraded");
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("PodProblem");
            assertThat(e.getType()).isEqualTo("Warning");
        });
        client.pods().inNamespace(ns).withName("support-app-7d9f-x1").delete();
        awaitCondition("support", Conditions.DEGRADED, "False", "AsExpected");
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Recovered"));
    }
}
