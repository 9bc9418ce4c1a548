package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a TLS-terminating proxy (a trusted one) the cookies are Secure; over plain HTTP they are not. */
@QuarkusTest
@TestProfile(SecureCookieTest.BehindProxy.class)
class SecureCookieTest extends HelpDeskTest {
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("HTTP_TRUSTED_PROXIES", "127.0.0.1,::1");
        }
    }

    @Test
    void cookiesAreSecureWhenTheTrustedProxySaysHttps() {
        Api.Person c = Api.person(Api.admin(), "customer", null);
        WebClient browser = new WebClient();
        Response form = browser.remember(browser.request().header("X-Forwarded-Proto", "https").get("/login"));
        assertThat(form.getDetailedCookie("hd_login_csrf").isSecured()).isTrue();
        Response in = browser.remember(browser.request().header("X-Forwarded-Proto", "https")
                .contentType("application/x-www-form-urlencoded").formParams(Map.of("email", c.email(), "password", "password-123",
                        "_csrf", browser.token())).post("/login"));
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.getDetailedCookie("hd_session").isSecured()).isTrue();

        WebClient plain = new WebClient();
        assertThat(plain.get("/login").getDetailedCookie("hd_login_csrf").isSecured()).as("plain HTTP through the proxy").isFalse();
    }
}
