package dev.helpdesk.app.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** CSRF checks of the web forms: the token in the form must equal the one only our pages know. */
final class FormToken {
    static final String FIELD = "_csrf";
    static final String LOGIN_COOKIE = "hd_login_csrf";

    private FormToken() {}

    static boolean matches(String expected, String sent) {
        return expected != null && sent != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
