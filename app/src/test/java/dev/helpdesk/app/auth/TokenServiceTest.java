package dev.helpdesk.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static TokenService issuedAt(Instant now, byte[] key) {
        return new TokenService(key, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static TokenService now(byte[] key) {
        return new TokenService(key, Duration.ofHours(1), Clock.systemUTC());
    }

    @Test
    void aFreshTokenNamesItsUserAndSession() {
        TokenService tokens = now(KEY);
        String token = tokens.issue(42, 7).token();
        assertThat(tokens.verify(token)).hasValue(new TokenService.Claims(42, 7));
        assertThat(token.split("\\.")).hasSize(3);
    }

    @Test
    void expiredTamperedForeignAndUnsignedTokensAreRejected() {
        String expired = issuedAt(Instant.now().minus(Duration.ofMinutes(61)), KEY).issue(42, 7).token();
        assertThat(now(KEY).verify(expired)).isEmpty();

        String token = now(KEY).issue(42, 7).token();
        assertThat(now("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8)).verify(token)).isEmpty();
        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String forgedPayload = b64.encodeToString(("{\"iss\":\"helpdesk\",\"sub\":\"1\",\"sid\":\"7\",\"exp\":9999999999}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(now(KEY).verify(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
        String unsigned = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + forgedPayload + ".";
        assertThat(now(KEY).verify(unsigned)).isEmpty();
        assertThat(now(KEY).verify("garbage")).isEmpty();
        assertThat(now(KEY).verify("a.b.c")).isEmpty();
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenVerifiedBeforeStillExpiresOnTime() {
        MovingClock clock = new MovingClock(Instant.now());
        TokenService tokens = new TokenService(KEY, Duration.ofMinutes(15), clock);
        String token = tokens.issue(42, 7).token();
        assertThat(tokens.verify(token)).hasValue(new TokenService.Claims(42, 7));
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(tokens.verify(token)).as("remembered, still valid").hasValue(new TokenService.Claims(42, 7));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(tokens.verify(token)).as("remembered, but expired").isEmpty();
    }

    @Test
    void manyTokensDoNotGrowTheMemoryOfVerifiedOnesWithoutBound() {
        TokenService tokens = now(KEY);
        String first = tokens.issue(1, 1).token();
        assertThat(tokens.verify(first)).isPresent();
        for (int i = 2; i <= TokenService.VERIFIED_KEPT + 10; i++) {
            assertThat(tokens.verify(tokens.issue(i, i).token())).isPresent();
        }
        assertThat(tokens.remembered()).isLessThanOrEqualTo(TokenService.VERIFIED_KEPT);
        // forgotten or not, the first token is still good: the memory only saves work
        assertThat(tokens.verify(first)).hasValue(new TokenService.Claims(1, 1));
    }
}
