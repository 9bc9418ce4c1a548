package dev.helpdesk.app.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.app.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Login tokens are HS256 JWTs signed with HELPDESK_SECRET (stateless, short-lived); API tokens
 * are random strings stored only as SHA-256 hashes (long-lived, revocable).
 */
@ApplicationScoped
public class TokenService {
    public static final String API_TOKEN_PREFIX = "hdk_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final long ttlSeconds;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    @jakarta.inject.Inject
    public TokenService(AppConfig config) {
        this(config.signingKey(), config.tokenTtlMinutes() * 60, Clock.systemUTC());
    }

    TokenService(byte[] key, long ttlSeconds, Clock clock) {
        this.key = key.clone();
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    public record IssuedToken(String token, Instant expiresAt) {}

    public IssuedToken issue(long userId) {
        Instant now = clock.instant();
        Instant exp = now.plusSeconds(ttlSeconds);
        try {
            String payload = B64.encodeToString(json.writeValueAsBytes(Map.of(
                    "iss", "helpdesk", "sub", Long.toString(userId),
                    "iat", now.getEpochSecond(), "exp", exp.getEpochSecond())));
            String signingInput = HEADER + "." + payload;
            return new IssuedToken(signingInput + "." + B64.encodeToString(sign(signingInput)), exp);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** The user id of a valid, unexpired login token; empty for anything else. */
    public OptionalLong verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !HEADER.equals(parts[0])) {
            return OptionalLong.empty();
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return OptionalLong.empty();
            }
            JsonNode claims = json.readTree(B64D.decode(parts[1]));
            if (claims.path("exp").asLong(0) <= clock.instant().getEpochSecond()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(claims.path("sub").asText()));
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    public static String newApiToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return API_TOKEN_PREFIX + B64.encodeToString(bytes);
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(String input) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    }
}
