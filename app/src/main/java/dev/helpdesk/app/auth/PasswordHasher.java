package dev.helpdesk.app.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/** bcrypt password hashes (cost 10), verified in constant time by the library. */
@ApplicationScoped
public class PasswordHasher {
    private static final int COST = 10;
    // compared against when the email is unknown, so both answers take as long
    private static final String DUMMY = BcryptUtil.bcryptHash("not-a-real-password", COST);

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public boolean matches(String password, String hash) {
        if (hash == null) {
            BcryptUtil.matches(password, DUMMY);
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }
}
