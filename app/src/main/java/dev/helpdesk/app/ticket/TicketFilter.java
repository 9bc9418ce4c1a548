package dev.helpdesk.app.ticket;

import dev.helpdesk.app.web.DateOrTime;
import dev.helpdesk.app.web.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ticket list's filters, as the query runs them. {@code assignee} and {@code group} take an
 * id or "none"; {@code assignee} also "me".
 */
public record TicketFilter(List<TicketStatus> statuses, List<Priority> priorities, IdOrNone assignee, Long requester,
                           Long organization, IdOrNone group, List<String> tags, Instant createdFrom, Instant createdTo,
                           Instant updatedFrom, Instant updatedTo, String query, SlaCondition sla, TicketSort sort, TotalCount count, PageRequest page) {

    /** An id filter that can also ask for "no value". */
    public record IdOrNone(Long id) {
        public boolean none() {
            return id == null;
        }

        static IdOrNone parse(String raw, long me) {
            return switch (raw) {
                case "none" -> new IdOrNone(null);
                case "me" -> new IdOrNone(me);
                default -> new IdOrNone(Long.parseLong(raw));
            };
        }
    }

    /** From validated parameters; blank values count as absent. */
    public static TicketFilter of(TicketListParams p, long actorId) {
        return new TicketFilter(present(p.status), present(p.priority),
                blank(p.assignee) ? null : IdOrNone.parse(p.assignee.trim(), actorId), p.requester, p.organization,
                blank(p.group) ? null : IdOrNone.parse(p.group.trim(), actorId),
                p.tag == null ? List.of() : Tags.normalize(p.tag.stream().filter(t -> !blank(t)).toList()),
                p.createdFrom == null ? null : p.createdFrom.lowerBound(), p.createdTo == null ? null : p.createdTo.upperBound(),
                p.updatedFrom == null ? null : p.updatedFrom.lowerBound(), p.updatedTo == null ? null : p.updatedTo.upperBound(),
                blank(p.q) ? null : p.q.trim(), p.sla, p.sort == null ? TicketSort.UPDATED_DESC : p.sort,
                p.count == null ? TotalCount.ESTIMATE : p.count, p.toRequest());
    }

    private static <T> List<T> present(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
