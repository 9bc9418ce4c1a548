package dev.helpdesk.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static TokenService at(Instant now, byte[] key) {
        return new TokenService(key, 3600, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshTokenNamesItsUser() {
        String token = at(NOW, KEY).issue(42).token();
        assertThat(at(NOW.plusSeconds(3599), KEY).verify(token)).hasValue(42);
    }

    @Test
    void expiredTamperedOrForeignTokensAreRejected() {
        String token = at(NOW, KEY).issue(42).token();
        assertThat(at(NOW.plusSeconds(3600), KEY).verify(token)).isEmpty();
        assertThat(at(NOW, "another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8)).verify(token)).isEmpty();
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"1\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        assertThat(at(NOW, KEY).verify(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
        assertThat(at(NOW, KEY).verify("garbage")).isEmpty();
        assertThat(at(NOW, KEY).verify("a.b.c")).isEmpty();
    }
}
