package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** The first admin's credentials (DESIGN §5), generated once; read them with kubectl get secret NAME-admin. */
public final class AdminSecretDependent {
    public static final String EMAIL = "email";
    public static final String PASSWORD = "password";

    private AdminSecretDependent() {}

    public static Secret desired(HelpDesk hd) {
        return new SecretBuilder().withMetadata(Owned.meta(hd, Names.admin(hd), "admin"))
                .withType("Opaque")
                .withStringData(Map.of(EMAIL, "admin@" + hd.getMetadata().getName() + ".helpdesk.local",
                        PASSWORD, GeneratedSecretDependent.random(18)))
                .build();
    }
}
