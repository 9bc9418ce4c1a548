package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "just apply it" path on a real API server: a minimal HelpDesk becomes Ready with its workloads created. */
class InstallE2E extends E2ESupport {

    @Test
    void minimalHelpDeskBecomesReady() {
        startLeadingOperator();
        installMinimalReady();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-app").get()).as("Deployment support-app").isNotNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("support-worker").get()).as("Deployment support-worker").isNotNull();
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("support-postgres").get()).as("StatefulSet support-postgres").isNotNull();
        assertThat(client.services().inNamespace(ns).withName("support-app").get()).as("Service support-app").isNotNull();
    }
}
