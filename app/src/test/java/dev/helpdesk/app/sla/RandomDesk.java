package dev.helpdesk.app.sla;

import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A desk filled at random, straight into the database: organizations, groups, customers, agents
 * and an admin; business calendars with holidays around today (and one stored with a time zone
 * that no longer exists); ordered policies matching on priority, organization, group and
 * tags; tickets with status changes (some still ahead), public and internal comments by either
 * side, audit records that are not status changes, and timestamps that tie.
 */
final class RandomDesk {
    private static final List<String> TAGS = List.of("vip", "billing", "outage", "legacy");
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");

    private final Random random;
    private final SlaRepository repository;
    private final List<Long> organizations = new ArrayList<>();
    private final List<Long> groups = new ArrayList<>();
    private final List<Long> customers = new ArrayList<>();
    private final List<Long> staff = new ArrayList<>();

    private RandomDesk(Random random, SlaRepository repository) {
        this.random = random;
        this.repository = repository;
    }

    /** The people and teams every round's tickets are drawn from. */
    static RandomDesk create(Connection c, Random random, SlaRepository repository) throws SQLException {
        RandomDesk desk = new RandomDesk(random, repository);
        for (int i = 0; i < 3; i++) {
            long org = Sql.insert(c, "INSERT INTO organizations (name) VALUES (?)", unique("Org"));
            desk.organizations.add(org);
            desk.customers.add(desk.user(c, "customer", org));
            desk.groups.add(Sql.insert(c, "INSERT INTO groups (name) VALUES (?)", unique("Group")));
        }
        desk.customers.add(desk.user(c, "customer", null));
        desk.staff.add(desk.user(c, "agent", null));
        desk.staff.add(desk.user(c, "agent", null));
        desk.staff.add(desk.user(c, "admin", null));
        return desk;
    }

    private long user(Connection c, String role, Long organization) throws SQLException {
        String name = unique(role);
        return Sql.insert(c, "INSERT INTO users (email, name, role, organization_id) VALUES (?, ?, ?, ?)",
                name + "@example.com", name, role, organization);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Replaces the active policies with two to five random ones over fresh calendars. */
    void policies(Connection c) throws SQLException {
        Sql.update(c, "UPDATE sla_policies SET active = false");
        List<Long> calendars = new ArrayList<>();
        calendars.add(null); // calendar time
        calendars.add(repository.insertCalendar(c, calendar()));
        calendars.add(repository.insertCalendar(c, calendar()));
        long broken = repository.insertCalendar(c, calendar());
        // stored by an older release, or edited by hand: the clocks show as unknown
        Sql.update(c, "UPDATE business_calendars SET time_zone = 'Mars/Olympus' WHERE id = ?", broken);
        calendars.add(broken);
        int count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            boolean fallback = i == count - 1 && random.nextBoolean();
            repository.insertPolicy(c, new SlaPolicy(0, unique("Policy"), random.nextInt(4), random.nextInt(8) > 0,
                    pick(calendars), fallback ? SlaPolicy.Conditions.none() : conditions(), targets(), null, null, 0));
        }
    }

    private CalendarDefinition calendar() {
        List<CalendarDefinition.Window> windows = new ArrayList<>();
        for (int i = 1 + random.nextInt(7); i > 0; i--) {
            windows.add(new CalendarDefinition.Window(pick(List.of(DayOfWeek.values())).name().toLowerCase(), halfHour(), halfHour()));
        }
        List<LocalDate> holidays = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) {
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(random.nextInt(40) - 30);
            if (!holidays.contains(day)) {
                holidays.add(day);
            }
        }
        return new CalendarDefinition(0, unique("Calendar"), pick(ZONES), windows, holidays, 0);
    }

    private String halfHour() {
        int slot = random.nextInt(48);
        return String.format("%02d:%02d", slot / 2, slot % 2 * 30);
    }

    private SlaPolicy.Conditions conditions() {
        return new SlaPolicy.Conditions(some(List.of(Priority.values())), some(organizations), some(groups), some(TAGS));
    }

    private Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets() {
        Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            Map<SlaMetric, SlaPolicy.Goal> goals = new EnumMap<>(SlaMetric.class);
            for (SlaMetric m : SlaMetric.values()) {
                if (random.nextInt(4) > 0) {
                    // short goals run out (at risk, breached) within a ticket's history; long ones keep going
                    long minutes = random.nextBoolean() ? 5 + random.nextInt(240) : 240 + random.nextInt(6000);
                    goals.put(m, new SlaPolicy.Goal(minutes, random.nextBoolean()));
                }
            }
            if (!goals.isEmpty() && random.nextInt(5) > 0) {
                targets.put(p, goals);
            }
        }
        return targets;
    }

    /** Inserts 30 to 50 tickets with their history; returns their ids. */
    List<Long> tickets(Connection c, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 30 + random.nextInt(21); i > 0; i--) {
            ids.add(ticket(c, now));
        }
        return ids;
    }

    private long ticket(Connection c, Instant now) throws SQLException {
        // half of them opened within hours, where short goals are about to run out (at risk)
        Instant created = now.minus(random.nextInt(random.nextBoolean() ? 6 * 60 : 15 * 24 * 60), ChronoUnit.MINUTES).minusSeconds(random.nextInt(60))
                .minusNanos(random.nextInt(1_000_000) * 1000L);
        TicketStatus initial = pick(List.of(TicketStatus.NEW, TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD));
        List<Instant> changeTimes = times(created, now, random.nextInt(6));
        List<TicketStatus> changes = new ArrayList<>();
        for (int i = 0; i < changeTimes.size(); i++) {
            changes.add(pick(List.of(TicketStatus.values())));
        }
        TicketStatus current = changes.isEmpty() ? initial : changes.get(changes.size() - 1);
        Long organization = random.nextInt(4) == 0 ? null : pick(organizations);
        long requester = customers.get(organization == null ? customers.size() - 1 : organizations.indexOf(organization));
        long id = Sql.insert(c, "INSERT INTO tickets (subject, description, status, priority, requester_id, organization_id, group_id, "
                        + "tags, created_at, updated_at) VALUES ('Random', 'd', ?, ?, ?, ?, ?, ?, ?, ?)",
                current, pick(List.of(Priority.values())), requester, organization, random.nextBoolean() ? pick(groups) : null,
                some(TAGS), created, created);
        int createdRecord = random.nextInt(10);
        if (createdRecord < 8) {
            audit(c, id, "created", "{\"status\": {\"from\": null, \"to\": \"" + initial + "\"}}", created);
        } else if (createdRecord == 8) {
            audit(c, id, "created", "{\"subject\": {\"from\": null, \"to\": \"Random\"}}", created); // older records lack the status
        }
        List<Instant> commentTimes = times(created, now, random.nextInt(7));
        for (int i = 0; i < changes.size(); i++) {
            TicketStatus from = i == 0 ? initial : changes.get(i - 1);
            audit(c, id, "updated", "{\"status\": {\"from\": \"" + from + "\", \"to\": \"" + changes.get(i) + "\"}}", changeTimes.get(i));
            if (random.nextInt(5) == 0) {
                commentTimes.add(changeTimes.get(i)); // a reply that changed the status carries the same time
            }
        }
        if (random.nextBoolean()) {
            audit(c, id, "updated", "{\"priority\": {\"from\": \"low\", \"to\": \"high\"}}", times(created, now, 1).get(0));
        }
        if (!commentTimes.isEmpty() && random.nextInt(4) == 0) {
            commentTimes.add(pick(commentTimes)); // two messages in the same instant: their order is the order they were stored in
        }
        Collections.sort(commentTimes);
        for (Instant at : commentTimes) {
            boolean byCustomer = random.nextBoolean();
            boolean isPublic = byCustomer || random.nextInt(4) > 0;
            long author = byCustomer ? requester : pick(staff);
            Sql.update(c, "INSERT INTO comments (ticket_id, author_id, body, public, created_at) VALUES (?, ?, 'text', ?, ?)",
                    id, author, isPublic, at);
            audit(c, id, isPublic ? "replied" : "noted", "{}", at);
        }
        return id;
    }

    private void audit(Connection c, long ticket, String action, String changes, Instant at) throws SQLException {
        Sql.update(c, "INSERT INTO audit_events (entity_type, entity_id, ticket_id, action, changes, created_at) "
                + "VALUES ('ticket', ?, ?, ?, ?::jsonb, ?)", ticket, ticket, action, changes, at);
    }

    /** {@code n} times after {@code from}, in order, the last few possibly up to two hours ahead of {@code now}. */
    private List<Instant> times(Instant from, Instant now, int n) {
        long span = Duration.between(from, now.plus(Duration.ofHours(2))).getSeconds();
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(from.plusSeconds((long) (random.nextDouble() * span)));
        }
        Collections.sort(out);
        return out;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Usually nothing (a condition that matches anything), else one or two of {@code from}. */
    private <T> List<T> some(List<T> from) {
        List<T> out = new ArrayList<>();
        if (random.nextInt(5) < 2) {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                T t = pick(from);
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
