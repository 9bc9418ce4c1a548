package dev.helpdesk.app.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.app.standalone.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) for email tests; it can be stopped and restarted on the same port. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail mail;
    private static int port;

    @Override
    public Map<String, String> start() {
        port = EmbeddedServers.freePort();
        startMail();
        return Map.of("EMAIL_ENABLED", "true", "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port),
                "SMTP_FROM", "support@helpdesk.test", "quarkus.mailer.mock", "false", "quarkus.mailer.start-tls", "DISABLED");
    }

    public static synchronized void startMail() {
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    public static synchronized void stopMail() {
        mail.stop();
    }

    public static GreenMail mail() {
        return mail;
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
    }
}
