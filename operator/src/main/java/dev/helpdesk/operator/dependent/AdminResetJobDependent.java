package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * The app image's reset-admin-password role as a Job: sets the first admin's password to the one
 * in the reset Secret {@link Names#adminReset} and ends that admin's sessions. Runs once per request.
 */
public final class AdminResetJobDependent {
    public static final String COMPONENT = "admin-reset";

    private AdminResetJobDependent() {}

    public static Job desired(HelpDesk hd, String name) {
        var container = AppPods.container(hd, "reset-admin-password", hd.getSpec().app.resources);
        List<EnvVar> env = new java.util.ArrayList<>(container.getEnv().stream()
                .filter(e -> !e.getName().startsWith("HELPDESK_ADMIN_")).toList());
        // no email: the role picks the first admin, whose address may have changed since the Secret was made
        env.add(new EnvVarBuilder().withName("HELPDESK_ADMIN_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(name).withKey(AdminSecretDependent.PASSWORD).endSecretKeyRef().endValueFrom().build());
        container.setEnv(env);
        return AppPods.job(hd, Owned.meta(hd, name, COMPONENT), COMPONENT, container, 600L);
    }
}
