package dev.helpdesk.app.sla;

import dev.helpdesk.app.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a ticket's SLA clocks from its timeline (docs/sla.md): first response from creation
 * to the first public agent reply; next response from the oldest unanswered customer message to
 * the next public agent reply; resolution from creation to solved, resuming on reopen. Pending and
 * on-hold time pauses every clock and so pushes deadlines out. Everything is recomputed from the
 * timeline, so a changed target (priority or policy) keeps the original start and the pauses.
 */
public final class SlaClock {
    private final BusinessCalendar business;
    private final BusinessCalendar calendarTime;
    private final long reminderLeadMinutes;

    public SlaClock(BusinessCalendar business, long reminderLeadMinutes) {
        this.business = business;
        this.calendarTime = BusinessCalendar.always(business.zone());
        this.reminderLeadMinutes = reminderLeadMinutes;
    }

    /** A stretch of time during which a clock runs; {@code end == null} means it is still running. */
    record Run(Instant start, Instant end) {}

    public List<SlaState> evaluate(TicketTimeline timeline, List<SlaTarget> targets, Instant now) {
        List<TicketTimeline.Event> events = timeline.events().stream().filter(e -> !e.at().isAfter(now)).toList();
        Optional<TicketTimeline.Created> created = events.stream().filter(TicketTimeline.Created.class::isInstance)
                .map(TicketTimeline.Created.class::cast).findFirst();
        if (created.isEmpty()) {
            return List.of();
        }
        List<SlaState> out = new ArrayList<>();
        for (SlaTarget target : targets) {
            clock(target.metric(), events, created.get()).ifPresent(c -> {
                try {
                    out.add(state(target, c, now));
                } catch (BusinessCalendar.OutOfReachException e) {
                    out.add(SlaState.unknown(target, e.getMessage()));
                }
            });
        }
        return out;
    }

    /** When a clock started, when it stopped (if it did), and the runs in between. */
    record Clock(Instant start, Instant stop, List<Run> runs) {}

    private Optional<Clock> clock(SlaMetric metric, List<TicketTimeline.Event> events, TicketTimeline.Created created) {
        Instant start;
        Instant stop = null;
        switch (metric) {
            case FIRST_RESPONSE -> {
                start = created.at();
                stop = events.stream().filter(TicketTimeline.AgentReply.class::isInstance).map(TicketTimeline.Event::at)
                        .findFirst().orElse(null);
            }
            case NEXT_RESPONSE -> {
                // the latest cycle: the oldest customer message after the last agent reply before it
                Instant cycleStart = null;
                Instant cycleStop = null;
                boolean answeredOnce = false;
                for (TicketTimeline.Event e : events) {
                    if (e instanceof TicketTimeline.AgentReply) {
                        if (cycleStart != null && cycleStop == null) {
                            cycleStop = e.at();
                        }
                        answeredOnce = true;
                    } else if (e instanceof TicketTimeline.CustomerMessage && answeredOnce
                            && (cycleStart == null || cycleStop != null)) {
                        cycleStart = e.at();
                        cycleStop = null;
                    }
                }
                if (cycleStart == null) {
                    return Optional.empty();
                }
                start = cycleStart;
                stop = cycleStop;
            }
            case RESOLUTION -> start = created.at();
            default -> throw new IllegalStateException(metric.toString());
        }
        List<Run> runs = runs(events, created, start, stop);
        if (metric == SlaMetric.RESOLUTION) {
            TicketStatus last = lastStatus(events, created);
            if (last == TicketStatus.SOLVED || last == TicketStatus.CLOSED) {
                stop = runs.isEmpty() ? start : runs.get(runs.size() - 1).end();
            }
        }
        return Optional.of(new Clock(start, stop, runs));
    }

    /** Splits [start, stop) by status: the clock runs unless the ticket is pending, on hold, solved or closed. */
    private static List<Run> runs(List<TicketTimeline.Event> events, TicketTimeline.Created created, Instant start, Instant stop) {
        TicketStatus status = created.status();
        for (TicketTimeline.Event e : events) {
            if (e instanceof TicketTimeline.StatusChanged c && !c.at().isAfter(start)) {
                status = c.to();
            }
        }
        List<Run> runs = new ArrayList<>();
        Instant runStart = runs(status) ? start : null;
        for (TicketTimeline.Event e : events) {
            if (!(e instanceof TicketTimeline.StatusChanged c) || !c.at().isAfter(start)) {
                continue;
            }
            if (stop != null && !c.at().isBefore(stop)) {
                break;
            }
            boolean next = runs(c.to());
            if (runStart != null && !next) {
                runs.add(new Run(runStart, c.at()));
                runStart = null;
            } else if (runStart == null && next) {
                runStart = c.at();
            }
        }
        if (runStart != null) {
            runs.add(new Run(runStart, stop));
        }
        return runs;
    }

    private static boolean runs(TicketStatus status) {
        return status == TicketStatus.NEW || status == TicketStatus.OPEN;
    }

    private static TicketStatus lastStatus(List<TicketTimeline.Event> events, TicketTimeline.Created created) {
        TicketStatus s = created.status();
        for (TicketTimeline.Event e : events) {
            if (e instanceof TicketTimeline.StatusChanged c) {
                s = c.to();
            }
        }
        return s;
    }

    private SlaState state(SlaTarget target, Clock clock, Instant now) {
        BusinessCalendar basis = target.businessHours() ? business : calendarTime;
        Duration goal = Duration.ofMinutes(target.minutes());
        Duration elapsed = Duration.ZERO;
        Instant due = null;
        boolean running = false;
        for (Run run : clock.runs()) {
            Instant end = run.end() == null ? now : run.end();
            Duration here = end.isAfter(run.start()) ? basis.businessDuration(run.start(), end) : Duration.ZERO;
            if (due == null && elapsed.plus(here).compareTo(goal) >= 0) {
                due = basis.addBusinessTime(run.start(), goal.minus(elapsed));
            }
            elapsed = elapsed.plus(here);
            running = run.end() == null;
        }
        if (due == null && running) {
            Run last = clock.runs().get(clock.runs().size() - 1);
            Duration before = elapsed.minus(basis.businessDuration(last.start(), now));
            due = basis.addBusinessTime(last.start(), goal.minus(before));
        }
        long elapsedMinutes = elapsed.toMinutes();
        long remaining = target.minutes() - elapsedMinutes;
        boolean overrun = elapsed.compareTo(goal) > 0;
        SlaState.Status status;
        if (clock.stop() != null) {
            status = overrun ? SlaState.Status.BREACHED : SlaState.Status.MET;
            if (!overrun) {
                due = null;
            }
        } else if (overrun) {
            status = SlaState.Status.BREACHED;
        } else if (!running) {
            status = SlaState.Status.PAUSED;
            due = null;
        } else {
            status = remaining <= reminderLeadMinutes ? SlaState.Status.AT_RISK : SlaState.Status.ACTIVE;
        }
        return new SlaState(target.metric(), target.minutes(), target.businessHours(), clock.start(), due, clock.stop(),
                elapsedMinutes, remaining, status);
    }
}
