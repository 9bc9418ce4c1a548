package dev.helpdesk.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/**
 * JOSDK adds a finalizer by server-side applying a fresh instance of the resource class (name,
 * namespace, finalizers). Any spec field that instance carries is applied with force and
 * overwrites the user's value: seen on the real API server, where every backup became
 * reason: manual. The spec classes of kinds with finalizers must serialize empty when new.
 */
class FinalizerApplyTest {
    @Test
    void aFreshBackupOrRestoreCarriesNoSpecValues() {
        assertThat(Serialization.asJson(new HelpDeskBackup())).contains("\"spec\":{}");
        assertThat(Serialization.asJson(new HelpDeskRestore())).contains("\"spec\":{}");
        assertThat(new HelpDeskBackupSpec().reason()).as("the schema's default still applies when reading").isEqualTo("manual");
    }
}
