package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys the operator generates: the app's signing key and the managed database and Redis
 * passwords. Created once and never rewritten, so nothing rotates by accident.
 */
public final class GeneratedSecretDependent {
    public static final String SIGNING_KEY = "signing-key";
    public static final String DATABASE_PASSWORD = "database-password";
    public static final String REDIS_PASSWORD = "redis-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecretDependent() {}

    public static Secret desired(HelpDesk hd) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SIGNING_KEY, random(48));
        data.put(DATABASE_PASSWORD, random(24));
        data.put(REDIS_PASSWORD, random(24));
        return new SecretBuilder().withMetadata(Owned.meta(hd, Names.secrets(hd), "secrets"))
                .withType("Opaque").withStringData(data).build();
    }

    /** URL-safe characters only: the passwords are placed inside connection URLs. */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
    }
}
