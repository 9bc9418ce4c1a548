package dev.helpdesk.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated ClusterRole comes from these annotations: every kind the operator watches must be
 * readable (get, list, watch), and no rule may grant wildcards.
 */
class RbacRulesTest {
    static final List<RBACRule> RULES = Arrays.asList(HelpDeskReconciler.class.getAnnotationsByType(RBACRule.class));

    private static boolean grants(String group, String resource, String verb) {
        return RULES.stream().anyMatch(r -> Arrays.asList(r.apiGroups()).contains(group)
                && Arrays.asList(r.resources()).contains(resource) && Arrays.asList(r.verbs()).contains(verb));
    }

    @Test
    void everyWatchedKindIsReadable() {
        for (Class<? extends HasMetadata> kind : EventSources.KINDS) {
            String group = HasMetadata.getGroup(kind);
            String plural = HasMetadata.getPlural(kind);
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(grants(group, plural, verb)).as(verb + " " + group + "/" + plural).isTrue();
            }
        }
    }

    @Test
    void writesAreGrantedWhereTheOperatorWritesAndNowhereElse() {
        assertThat(grants("", "events", "create")).isTrue();
        assertThat(grants("batch", "jobs", "create")).isTrue();
        assertThat(grants("batch", "jobs", "update")).as("jobs are immutable; never updated").isFalse();
        assertThat(grants("", "pods", "create")).as("pods are only read").isFalse();
        assertThat(grants("", "pods", "delete")).isFalse();
        for (RBACRule r : RULES) {
            assertThat(r.verbs()).doesNotContain("*");
            assertThat(r.resources()).doesNotContain("*");
            assertThat(r.apiGroups()).doesNotContain("*");
        }
    }
}
