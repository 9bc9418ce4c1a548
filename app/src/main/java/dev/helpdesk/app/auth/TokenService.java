package dev.helpdesk.app.auth;

import dev.helpdesk.app.config.AppConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens are short-lived HS256 JWTs signed with HELPDESK_SECRET (smallrye-jwt builds and
 * verifies them); each names its user and login session, so revoking the session ends it at once.
 * Refresh and API tokens are random strings stored only as SHA-256 hashes.
 */
@ApplicationScoped
public class TokenService {
    public static final String API_TOKEN_PREFIX = "hdk_";
    public static final String REFRESH_TOKEN_PREFIX = "hdr_";
    static final String ISSUER = "helpdesk";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final Duration accessTtl;
    private final Clock clock;
    private final JWTParser parser;
    /** Tokens already verified, by their exact text, until they expire: parsing and checking a JWT is a tenth of a request's work. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    static final int VERIFIED_KEPT = 10_000;

    private record Verified(Claims claims, long expiresAtEpochSecond) {}

    @jakarta.inject.Inject
    public TokenService(AppConfig config) {
        this(config.signingKey(), Duration.ofMinutes(config.tokens().accessTtlMinutes()), Clock.systemUTC());
    }

    TokenService(byte[] key, Duration accessTtl, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.accessTtl = accessTtl;
        this.clock = clock;
        JWTAuthContextInfo expected = new JWTAuthContextInfo();
        expected.setIssuedBy(ISSUER);
        expected.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        expected.setExpGracePeriodSecs(0);
        this.parser = new DefaultJWTParser(expected);
    }

    public record AccessToken(String token, Instant expiresAt) {}

    /** Who an access token speaks for: the user and the login session it belongs to. */
    public record Claims(long userId, long sessionId) {}

    public AccessToken issue(long userId, long sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(accessTtl);
        String token = Jwt.issuer(ISSUER).subject(Long.toString(userId)).claim("sid", Long.toString(sessionId))
                .issuedAt(now.getEpochSecond()).expiresAt(expires.getEpochSecond())
                .jws().algorithm(SignatureAlgorithm.HS256).sign(key);
        return new AccessToken(token, expires);
    }

    /** The claims of a valid, unexpired access token of this desk; empty for anything else. */
    public Optional<Claims> verify(String token) {
        long now = clock.instant().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.expiresAtEpochSecond()) {
                return Optional.of(known.claims());
            }
            verified.remove(token);
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.verify(token, key);
            Claims claims = new Claims(Long.parseLong(jwt.getSubject()), Long.parseLong(text(jwt.getClaim("sid"))));
            remember(token, new Verified(claims, jwt.getExpirationTime()), now);
            return Optional.of(claims);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    int remembered() {
        return verified.size();
    }

    /** Bounded: when full, expired tokens go first, and everything if that was not enough. */
    private void remember(String token, Verified v, long now) {
        if (verified.size() >= VERIFIED_KEPT) {
            verified.values().removeIf(old -> old.expiresAtEpochSecond() <= now);
            if (verified.size() >= VERIFIED_KEPT) {
                verified.clear();
            }
        }
        verified.put(token, v);
    }

    private static String text(Object claim) {
        return claim instanceof JsonString s ? s.getString() : String.valueOf(claim);
    }

    public static String newApiToken() {
        return API_TOKEN_PREFIX + random();
    }

    public static String newRefreshToken() {
        return REFRESH_TOKEN_PREFIX + random();
    }

    public static String newWebSessionToken() {
        return random();
    }

    /** 43 characters (256 bits, URL-safe): what a form carries to prove it came from our page. */
    public static String newCsrfToken() {
        return random();
    }

    /** 43 random URL-safe characters: the public half of an emailed link's token. */
    public static String newNonce() {
        return random();
    }

    /** The token of an emailed link: HMAC of its nonce with HELPDESK_SECRET, so only this desk can make or check it. */
    public String linkToken(String nonce) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(("account-link:" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
