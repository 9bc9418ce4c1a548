package dev.helpdesk.operator.testing;

import dev.helpdesk.operator.lifecycle.OperatorClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;

/** The operator's clock in tests: real time until a test sets it, then moved only by the test. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends OperatorClock {
    private volatile Instant fixed;

    @Override
    public Instant now() {
        Instant f = fixed;
        return f == null ? Instant.now() : f;
    }

    public void set(Instant at) {
        fixed = at;
    }

    public void advance(Duration by) {
        fixed = now().plus(by);
    }

    public void reset() {
        fixed = null;
    }
}
