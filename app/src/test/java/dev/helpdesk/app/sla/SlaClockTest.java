package dev.helpdesk.app.sla;

import static dev.helpdesk.app.sla.BusinessCalendarTest.BERLIN;
import static dev.helpdesk.app.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.sla.TicketTimeline.AgentReply;
import dev.helpdesk.app.sla.TicketTimeline.Created;
import dev.helpdesk.app.sla.TicketTimeline.CustomerMessage;
import dev.helpdesk.app.sla.TicketTimeline.StatusChanged;
import dev.helpdesk.app.ticket.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each clock rule of docs/sla.md, on Berlin office hours (Mon–Fri 09:00–17:00). */
class SlaClockTest {
    static final SlaClock CLOCK = new SlaClock(BusinessCalendarTest.officeHours(BERLIN, Set.of()), 30);
    static final SlaTarget FIRST_4H = new SlaTarget(SlaMetric.FIRST_RESPONSE, 240, true);
    static final SlaTarget NEXT_2H = new SlaTarget(SlaMetric.NEXT_RESPONSE, 120, true);
    static final SlaTarget RESOLVE_2D = new SlaTarget(SlaMetric.RESOLUTION, 16 * 60, true);

    static Instant t(String local) {
        return at(BERLIN, local);
    }

    static SlaState only(TicketTimeline timeline, SlaTarget target, String now) {
        List<SlaState> states = CLOCK.evaluate(timeline, List.of(target), t(now));
        assertThat(states).hasSize(1);
        return states.get(0);
    }

    @Test
    void firstResponseStartsAtTheNextOpeningAndOnlyAPublicAgentReplyStopsIt() {
        // created Friday evening; customer follow-ups and internal notes (not in the timeline) do not stop it
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-20T19:00"), TicketStatus.NEW))
                .add(new CustomerMessage(t("2026-11-21T10:00")));
        SlaState s = only(tl, FIRST_4H, "2026-11-23T10:00");
        assertThat(s.due()).isEqualTo(t("2026-11-23T13:00"));
        assertThat(s.elapsedMinutes()).isEqualTo(60);
        assertThat(s.status()).isEqualTo(SlaState.Status.ACTIVE);

        tl.add(new AgentReply(t("2026-11-23T12:45")));
        SlaState met = only(tl, FIRST_4H, "2026-11-23T15:00");
        assertThat(met.status()).isEqualTo(SlaState.Status.MET);
        assertThat(met.elapsedMinutes()).isEqualTo(225);
        assertThat(met.stoppedAt()).isEqualTo(t("2026-11-23T12:45"));
    }

    @Test
    void firstResponseIsAtRiskInsideTheReminderLeadAndBreachedAfterTheDeadline() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW));
        assertThat(only(tl, FIRST_4H, "2026-11-23T12:40").status()).isEqualTo(SlaState.Status.AT_RISK);
        SlaState late = only(tl, FIRST_4H, "2026-11-23T13:30");
        assertThat(late.status()).isEqualTo(SlaState.Status.BREACHED);
        assertThat(late.remainingMinutes()).isEqualTo(-30);
        assertThat(late.due()).isEqualTo(t("2026-11-23T13:00"));
        tl.add(new AgentReply(t("2026-11-23T14:00")));
        assertThat(only(tl, FIRST_4H, "2026-11-23T15:00").status()).isEqualTo(SlaState.Status.BREACHED);
    }

    @Test
    void nextResponseRunsFromTheOldestUnansweredCustomerMessage() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW))
                .add(new AgentReply(t("2026-11-23T09:30")))
                .add(new CustomerMessage(t("2026-11-23T10:00")))
                .add(new CustomerMessage(t("2026-11-23T11:00")));   // a second message does not reset it
        SlaState s = only(tl, NEXT_2H, "2026-11-23T11:30");
        assertThat(s.startedAt()).isEqualTo(t("2026-11-23T10:00"));
        assertThat(s.due()).isEqualTo(t("2026-11-23T12:00"));
        tl.add(new AgentReply(t("2026-11-23T11:45")));
        assertThat(only(tl, NEXT_2H, "2026-11-23T12:30").status()).isEqualTo(SlaState.Status.MET);
        // the next customer message starts a new cycle
        tl.add(new CustomerMessage(t("2026-11-23T16:30")));
        SlaState next = only(tl, NEXT_2H, "2026-11-23T16:45");
        assertThat(next.startedAt()).isEqualTo(t("2026-11-23T16:30"));
        assertThat(next.due()).isEqualTo(t("2026-11-24T10:30"));
    }

    @Test
    void noNextResponseClockBeforeTheFirstAgentReply() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW))
                .add(new CustomerMessage(t("2026-11-23T10:00")));
        assertThat(CLOCK.evaluate(tl, List.of(NEXT_2H), t("2026-11-23T11:00"))).isEmpty();
    }

    @Test
    void pendingAndOnHoldPauseEveryClockAndPushDeadlinesOut() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW))
                .add(new StatusChanged(t("2026-11-23T10:00"), TicketStatus.PENDING));
        SlaState paused = only(tl, RESOLVE_2D, "2026-11-23T15:00");
        assertThat(paused.status()).isEqualTo(SlaState.Status.PAUSED);
        assertThat(paused.due()).isNull();
        assertThat(paused.elapsedMinutes()).isEqualTo(60);
        tl.add(new StatusChanged(t("2026-11-23T14:00"), TicketStatus.OPEN))
                .add(new StatusChanged(t("2026-11-24T09:00"), TicketStatus.ON_HOLD))
                .add(new StatusChanged(t("2026-11-24T11:00"), TicketStatus.OPEN));
        SlaState resumed = only(tl, RESOLVE_2D, "2026-11-24T12:00");
        // 16 h target: 1 h + 3 h (Mon 14–17) + 1 h (Tue 11–12) used; the 6 paused hours move the deadline
        assertThat(resumed.elapsedMinutes()).isEqualTo(5 * 60);
        assertThat(resumed.due()).isEqualTo(t("2026-11-25T15:00"));
        // first response: 1 h before the pause, 3 h after it → Monday 17:00, already passed by Tuesday noon
        SlaState first = only(tl, FIRST_4H, "2026-11-24T12:00");
        assertThat(first.due()).isEqualTo(t("2026-11-23T17:00"));
        assertThat(first.status()).isEqualTo(SlaState.Status.BREACHED);
    }

    @Test
    void resolutionStopsWhenSolvedAndResumesOnReopen() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW))
                .add(new StatusChanged(t("2026-11-23T12:00"), TicketStatus.SOLVED));
        SlaState solved = only(tl, RESOLVE_2D, "2026-11-24T12:00");
        assertThat(solved.status()).isEqualTo(SlaState.Status.MET);
        assertThat(solved.elapsedMinutes()).isEqualTo(180);
        tl.add(new StatusChanged(t("2026-11-24T09:00"), TicketStatus.OPEN));
        SlaState reopened = only(tl, RESOLVE_2D, "2026-11-24T10:00");
        assertThat(reopened.status()).isEqualTo(SlaState.Status.ACTIVE);
        assertThat(reopened.elapsedMinutes()).isEqualTo(240);
        // 12 h left at Tuesday 10:00: 7 h on Tuesday, 5 h on Wednesday
        assertThat(reopened.due()).isEqualTo(t("2026-11-25T14:00"));
    }

    @Test
    void aChangedTargetKeepsTheStartAndThePausesAlreadyAccumulated() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-23T09:00"), TicketStatus.NEW))
                .add(new StatusChanged(t("2026-11-23T10:00"), TicketStatus.PENDING))
                .add(new StatusChanged(t("2026-11-23T13:00"), TicketStatus.OPEN));
        SlaState normal = only(tl, FIRST_4H, "2026-11-23T13:30");
        // priority raised: the target drops to 2 h, start and the 3 paused hours stay
        SlaState urgent = only(tl, new SlaTarget(SlaMetric.FIRST_RESPONSE, 120, true), "2026-11-23T13:30");
        assertThat(urgent.startedAt()).isEqualTo(normal.startedAt());
        assertThat(normal.due()).isEqualTo(t("2026-11-23T16:00"));
        assertThat(urgent.due()).isEqualTo(t("2026-11-23T14:00"));
        assertThat(urgent.elapsedMinutes()).isEqualTo(normal.elapsedMinutes()).isEqualTo(90);
    }

    @Test
    void calendarTimeTargetsIgnoreOpeningHours() {
        TicketTimeline tl = new TicketTimeline().add(new Created(t("2026-11-20T19:00"), TicketStatus.NEW));
        SlaState s = only(tl, new SlaTarget(SlaMetric.FIRST_RESPONSE, 240, false), "2026-11-20T20:00");
        assertThat(s.due()).isEqualTo(t("2026-11-20T23:00"));
        assertThat(s.elapsedMinutes()).isEqualTo(60);
    }
}
