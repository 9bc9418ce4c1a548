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

    /** A new password for the admin, first in a Secret of its own; it becomes NAME-admin once the reset Job applied it. */
    public static Secret reset(HelpDesk hd, String name, String email) {
        return new SecretBuilder().withMetadata(Owned.meta(hd, name, "admin"))
                .withType("Opaque")
                .withData(Map.of(EMAIL, GeneratedSecretDependent.base64(email), PASSWORD, GeneratedSecretDependent.base64(GeneratedSecretDependent.random(18))))
                .build();
    }

    public static String defaultEmail(HelpDesk hd) {
        return "admin@" + hd.getMetadata().getName() + ".helpdesk.local";
    }

    public static Secret desired(HelpDesk hd) {
        return new SecretBuilder().withMetadata(Owned.meta(hd, Names.admin(hd), "admin"))
                .withType("Opaque")
                .withData(Map.of(EMAIL, GeneratedSecretDependent.base64(defaultEmail(hd)),
                        PASSWORD, GeneratedSecretDependent.base64(GeneratedSecretDependent.random(18))))
                .build();
    }
}
