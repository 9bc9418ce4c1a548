package dev.helpdesk.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.app.queue.JobQueue;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An SMTP server that accepts connections and never answers fails each attempt after SMTP_TIMEOUT_SECONDS. */
@QuarkusTest
@TestProfile(SilentSmtpTest.WithSilentSmtp.class)
class SilentSmtpTest extends HelpDeskTest {
    public static class WithSilentSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helpdesk.worker.in-process", "true", "WORKER_BACKOFF_MS", "100", "WORKER_MAX_ATTEMPTS", "2",
                    "WORKER_CONCURRENCY", "1", "SMTP_TIMEOUT_SECONDS", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServer.class));
        }
    }

    /** Accepts TCP connections, keeps them open, sends nothing. */
    public static class SilentServer implements QuarkusTestResourceLifecycleManager {
        private ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, String> start() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-smtp");
            accept.setDaemon(true);
            accept.start();
            return Map.of("EMAIL_ENABLED", "true", "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(server.getLocalPort()),
                    "SMTP_FROM", "support@helpdesk.test", "quarkus.mailer.mock", "false", "quarkus.mailer.start-tls", "DISABLED");
        }

        @Override
        public void stop() {
            try {
                server.close();
                for (Socket s : held) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    JobQueue queue;

    @Test
    void aHungSmtpServerFailsTheJobInsteadOfHoldingTheWorker() {
        String customer = Api.person(Api.admin(), "customer", null).token();
        Api.ticket(customer, "Nobody answers");
        // two attempts of one second each, then the dead-letter queue: the only worker thread was not held for good
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.stats().deadLetter() == 1);
        Api.ticket(customer, "Still nobody");
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.stats().deadLetter() == 2);
        assertThat(queue.stats().waiting() + queue.stats().active()).isZero();
    }
}
