package dev.helpdesk.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = start-up finished and the database answers. Redis is left out on purpose: the app still
 * takes tickets without it, and failing every replica's readiness at once would turn a degraded
 * desk into an outage.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final DependencyChecks checks;
    private final Startup startup;

    public ReadinessCheck(DependencyChecks checks, Startup startup) {
        this.checks = checks;
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database").status(startup.done() && checks.database())
                .withData("started", startup.done()).build();
    }
}
