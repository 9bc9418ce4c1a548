package dev.helpdesk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.testing.OperatorTest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN §4.6 on every container the operator creates. */
@QuarkusTest
class PodSecurityTest extends OperatorTest {

    @Test
    void everyPodIsNonRootReadOnlyRuntimeDefaultWithoutEscalationAndBounded() {
        installReady("helpdesk-minimal.yaml");
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        client.apps().deployments().inNamespace(ns).list().getItems()
                .forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        client.apps().statefulSets().inNamespace(ns).list().getItems()
                .forEach(s -> templates.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        client.batch().v1().jobs().inNamespace(ns).list().getItems()
                .forEach(j -> templates.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        assertThat(templates.keySet()).containsExactlyInAnyOrder("Deployment/support-app", "Deployment/support-worker",
                "StatefulSet/support-redis", "StatefulSet/support-postgres", "Job/" + dev.helpdesk.operator.dependent.Names.migration("support", "1.0.0", 1));

        templates.forEach((owner, template) -> {
            var pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(owner + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(owner + " runAsUser").isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(owner + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(owner + " no API token").isFalse();
            for (Container c : pod.getContainers()) {
                String what = owner + " container " + c.getName();
                var sc = c.getSecurityContext();
                assertThat(sc.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(what + " capabilities").containsExactly("ALL");
                assertThat(sc.getSeccompProfile().getType()).as(what + " seccomp").isEqualTo("RuntimeDefault");
                assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(what + " limits").containsKey("memory");
                if (!owner.startsWith("Job/")) {
                    assertThat(c.getReadinessProbe()).as(what + " readiness probe").isNotNull();
                    assertThat(c.getLivenessProbe()).as(what + " liveness probe").isNotNull();
                }
                assertThat(c.getVolumeMounts()).as(what + " writable /tmp or data on volumes")
                        .anySatisfy(m -> assertThat(m.getMountPath()).isIn("/tmp", "/data"));
            }
        });
    }
}
