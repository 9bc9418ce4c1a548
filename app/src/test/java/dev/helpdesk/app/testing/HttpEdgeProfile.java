package dev.helpdesk.app.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A desk configured at its HTTP edge: small body limit and a public URL (one application start for the tests that need them). */
public class HttpEdgeProfile implements QuarkusTestProfile {
    public static final String PUBLIC_URL = "https://support.example.com/desk";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("HTTP_MAX_BODY_BYTES", "131072", "HELPDESK_PUBLIC_URL", PUBLIC_URL + "/");
    }
}
