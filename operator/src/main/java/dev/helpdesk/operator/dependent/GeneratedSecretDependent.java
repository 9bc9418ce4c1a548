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
 * passwords. Created once; rewritten only by a rotation that was asked for (DESIGN §4.7).
 */
public final class GeneratedSecretDependent {
    public static final String SIGNING_KEY = "signing-key";
    public static final String DATABASE_PASSWORD = "database-password";
    public static final String REDIS_PASSWORD = "redis-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecretDependent() {}

    public static Secret desired(HelpDesk hd) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SIGNING_KEY, base64(random(48)));
        data.put(DATABASE_PASSWORD, base64(random(24)));
        data.put(REDIS_PASSWORD, base64(random(24)));
        return new SecretBuilder().withMetadata(Owned.meta(hd, Names.secrets(hd), "secrets"))
                .withType("Opaque").withData(data).build();
    }

    /** The same Secret with new database and Redis passwords; the signing key stays, so sessions and tokens stay valid. */
    public static Secret rotated(Secret live) {
        Map<String, String> data = new LinkedHashMap<>(live.getData() == null ? Map.of() : live.getData());
        data.put(DATABASE_PASSWORD, base64(random(24)));
        data.put(REDIS_PASSWORD, base64(random(24)));
        Secret next = new SecretBuilder(live).withData(data).withStringData(null).build();
        if (!data.containsKey(SIGNING_KEY)) {
            next.getData().put(SIGNING_KEY, base64(random(48)));
        }
        return next;
    }

    /** As the API server stores Secret data; written so, not as stringData, so what we send is what we read back. */
    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** URL-safe characters only: the passwords are placed inside connection URLs. */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
    }
}
