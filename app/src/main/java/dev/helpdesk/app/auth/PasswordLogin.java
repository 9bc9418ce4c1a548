package dev.helpdesk.app.auth;

import dev.helpdesk.app.abuse.LoginThrottle;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.directory.User;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Email and password checked once for the API and the web pages alike: the same throttle, the same answer. */
@ApplicationScoped
public class PasswordLogin {
    private final Db db;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final ClientAddress clientAddress;

    public PasswordLogin(Db db, PasswordHasher hasher, LoginThrottle throttle, ClientAddress clientAddress) {
        this.db = db;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
    }

    /** The active user these credentials belong to; 401 invalid-credentials otherwise, 429 login-locked while throttled. */
    public User verify(String email, String password, HttpServerRequest request) {
        String address = clientAddress.of(request);
        String trimmed = email.trim();
        throttle.checkNotLocked(trimmed, address);
        var credentials = db.read(c -> UserRepository.credentials(c, trimmed));
        boolean ok = hasher.matches(password, credentials.map(UserRepository.Credentials::passwordHash).orElse(null));
        if (!ok || !credentials.get().user().active()) {
            throttle.failed(trimmed, address);
            throw new ApiException(401, "invalid-credentials", "Invalid credentials",
                    "the email or password is wrong, or the account is deactivated", null, null);
        }
        throttle.succeeded(trimmed, address);
        return credentials.get().user();
    }
}
