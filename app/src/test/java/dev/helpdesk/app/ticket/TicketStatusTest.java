package dev.helpdesk.app.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketStatusTest {
    @Test
    void closedIsFinalAndNothingReturnsToNew() {
        assertThat(TicketStatus.CLOSED.next()).isEmpty();
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(s.next()).doesNotContain(TicketStatus.NEW);
        }
    }

    @Test
    void onlySolvedTicketsCanBeClosed() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(s.canMoveTo(TicketStatus.CLOSED)).as(s.toString()).isEqualTo(s == TicketStatus.SOLVED || s == TicketStatus.CLOSED);
        }
    }

    @Test
    void customerRepliesReopenAgentRepliesOpenNotesDoNothing() {
        assertThat(CommentService.statusAfterComment(TicketStatus.SOLVED, false, true)).isEqualTo(TicketStatus.OPEN);
        assertThat(CommentService.statusAfterComment(TicketStatus.PENDING, false, true)).isEqualTo(TicketStatus.OPEN);
        assertThat(CommentService.statusAfterComment(TicketStatus.ON_HOLD, false, true)).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(CommentService.statusAfterComment(TicketStatus.NEW, true, true)).isEqualTo(TicketStatus.OPEN);
        assertThat(CommentService.statusAfterComment(TicketStatus.NEW, true, false)).isEqualTo(TicketStatus.NEW);
        assertThat(CommentService.statusAfterComment(TicketStatus.SOLVED, true, true)).isEqualTo(TicketStatus.SOLVED);
    }
}
