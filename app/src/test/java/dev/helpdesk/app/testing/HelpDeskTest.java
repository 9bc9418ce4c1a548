package dev.helpdesk.app.testing;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.directory.AdminBootstrap;
import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of API tests: real PostgreSQL + Redis, a first admin created the way production does, and
 * every answer checked against the published API document ({@link Contract}).
 */
@QuarkusTestResource(RealServers.class)
public abstract class HelpDeskTest {
    static {
        Contract.install();
    }

    @Inject
    AdminBootstrap bootstrap;

    @BeforeEach
    void firstAdmin() {
        bootstrap.ensureFirstAdmin(new AppConfig.Admin(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD));
    }
}
