package dev.helpdesk.operator.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Time as the lifecycle sees it (backup schedules, backup age); tests replace it to move time. */
@ApplicationScoped
public class OperatorClock {
    public Instant now() {
        return Instant.now();
    }
}
