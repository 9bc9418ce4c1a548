package dev.helpdesk.app.ticket;

import dev.helpdesk.app.web.PageRequest;
import dev.helpdesk.app.web.Params;
import dev.helpdesk.app.web.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ticket list's query parameters, parsed and validated. {@code assignee} and {@code group}
 * take an id or {@code none}; {@code assignee} also takes {@code me}.
 */
public record TicketFilter(List<TicketStatus> statuses, List<Priority> priorities, IdOrNone assignee, Long requester,
                           Long organization, IdOrNone group, List<String> tags, Instant createdFrom, Instant createdTo,
                           Instant updatedFrom, Instant updatedTo, String query, Sort sort, PageRequest page) {

    /** An id filter that can also ask for "no value". */
    public record IdOrNone(Long id) {
        public boolean none() {
            return id == null;
        }
    }

    public record Sort(String column, boolean descending) {
        static final List<String> FIELDS = List.of("id", "createdAt", "updatedAt", "priority", "status", "subject");

        static Sort parse(String raw) {
            boolean desc = raw.startsWith("-");
            String field = desc ? raw.substring(1) : raw;
            String column = switch (field) {
                case "id" -> "t.id";
                case "createdAt" -> "t.created_at";
                case "updatedAt" -> "t.updated_at";
                case "priority" -> "array_position(ARRAY['low','normal','high','urgent']::varchar[], t.priority)";
                case "status" -> "array_position(ARRAY['new','open','pending','on_hold','solved','closed']::varchar[], t.status)";
                case "subject" -> "lower(t.subject)";
                default -> throw new IllegalArgumentException("must be one of " + String.join(", ", FIELDS)
                        + ", optionally prefixed with '-' for descending (got '" + raw + "')");
            };
            return new Sort(column, desc);
        }
    }

    @SuppressWarnings("java:S107")
    public static TicketFilter parse(String status, String priority, String assignee, String requester,
                                     String organization, String group, List<String> tag, String createdFrom,
                                     String createdTo, String updatedFrom, String updatedTo, String q, String sort,
                                     String page, String size, long actorId) {
        Validator v = new Validator();
        List<TicketStatus> statuses = v.parse("status", blankToNull(status), s -> split(s, TicketStatus::parse));
        List<Priority> priorities = v.parse("priority", blankToNull(priority), s -> split(s, Priority::parse));
        IdOrNone assigneeFilter = v.parse("assignee", blankToNull(assignee), s -> switch (s) {
            case "none" -> new IdOrNone(null);
            case "me" -> new IdOrNone(actorId);
            default -> new IdOrNone(Params.id(s));
        });
        IdOrNone groupFilter = v.parse("group", blankToNull(group), s -> "none".equals(s) ? new IdOrNone(null) : new IdOrNone(Params.id(s)));
        List<String> tags = new ArrayList<>();
        if (tag != null) {
            for (String t : tag) {
                for (String one : t.split(",")) {
                    if (!one.isBlank()) {
                        tags.add(v.parse("tag", one.trim().toLowerCase(), Tags::check));
                    }
                }
            }
        }
        String query = q == null || q.isBlank() ? null : q.trim();
        v.check(query == null || query.length() <= 200, "q", "must be at most 200 characters");
        TicketFilter f = new TicketFilter(statuses == null ? List.of() : statuses,
                priorities == null ? List.of() : priorities, assigneeFilter,
                v.parse("requester", blankToNull(requester), Params::id),
                v.parse("organization", blankToNull(organization), Params::id), groupFilter, tags,
                v.parse("createdFrom", blankToNull(createdFrom), s -> time(s, false)),
                v.parse("createdTo", blankToNull(createdTo), s -> time(s, true)),
                v.parse("updatedFrom", blankToNull(updatedFrom), s -> time(s, false)),
                v.parse("updatedTo", blankToNull(updatedTo), s -> time(s, true)),
                query,
                sort == null || sort.isBlank() ? new Sort("t.updated_at", true) : v.parse("sort", sort.trim(), Sort::parse),
                PageRequest.parse(v, page, size));
        v.throwIfInvalid();
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static <T> List<T> split(String raw, java.util.function.Function<String, T> parser) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(parser).distinct().toList();
    }

    /** An ISO-8601 instant, or a date: as a lower bound its start, as an upper bound the start of the next day. */
    public static Instant time(String raw, boolean upper) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(raw);
                return (upper ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("must be an ISO-8601 date or time like 2026-11-22 or 2026-11-22T10:00:00Z (got '" + raw + "')");
            }
        }
    }
}
