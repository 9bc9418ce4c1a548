package dev.helpdesk.app.standalone;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.PasswordHasher;
import dev.helpdesk.app.auth.Role;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.directory.UserRepository;
import dev.helpdesk.app.ticket.CommentService;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.ticket.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** First-start demo data for standalone mode: an organization, an agent, a customer and a few tickets. */
@ApplicationScoped
public class DemoSeed {
    private final Db db;
    private final PasswordHasher hasher;
    private final TicketService tickets;
    private final CommentService comments;

    public DemoSeed(Db db, PasswordHasher hasher, TicketService tickets, CommentService comments) {
        this.db = db;
        this.hasher = hasher;
        this.tickets = tickets;
        this.comments = comments;
    }

    /** @return false when the desk already has data (a restart), which is left untouched */
    public boolean seedOnce(Standalone.Credentials creds) {
        record People(Actor agent, Actor customer) {}
        People people = db.tx(c -> {
            if (Sql.count(c, "SELECT count(*) FROM organizations") > 0) {
                return null;
            }
            long org = Sql.insert(c, "INSERT INTO organizations (name, domain) VALUES ('Acme Corp', 'example.com')");
            long group = Sql.insert(c, "INSERT INTO groups (name) VALUES ('Support')");
            long agent = UserRepository.insert(c, creds.agentEmail(), "Alex Agent", Role.AGENT, null, hasher.hash(creds.agentPassword()));
            long customer = UserRepository.insert(c, creds.customerEmail(), "Casey Customer", Role.CUSTOMER, org,
                    hasher.hash(creds.customerPassword()));
            Sql.update(c, "INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", group, agent);
            // a round-the-clock calendar and a default policy, so the demo's SLA timers run whatever the hour
            long calendar = Sql.insert(c, "INSERT INTO business_calendars (name, time_zone, windows) VALUES ('Around the clock', 'UTC', "
                    + "'[{\"day\":\"monday\",\"start\":\"00:00\",\"end\":\"00:00\"},{\"day\":\"tuesday\",\"start\":\"00:00\",\"end\":\"00:00\"},"
                    + "{\"day\":\"wednesday\",\"start\":\"00:00\",\"end\":\"00:00\"},{\"day\":\"thursday\",\"start\":\"00:00\",\"end\":\"00:00\"},"
                    + "{\"day\":\"friday\",\"start\":\"00:00\",\"end\":\"00:00\"},{\"day\":\"saturday\",\"start\":\"00:00\",\"end\":\"00:00\"},"
                    + "{\"day\":\"sunday\",\"start\":\"00:00\",\"end\":\"00:00\"}]'::jsonb)");
            Sql.update(c, "INSERT INTO sla_policies (name, position, calendar_id, targets) VALUES ('Demo SLA', 0, ?, ?::jsonb)", calendar,
                    "{\"low\":{\"FIRST_RESPONSE\":{\"minutes\":480,\"businessHours\":true},\"RESOLUTION\":{\"minutes\":4320,\"businessHours\":true}},"
                    + "\"normal\":{\"FIRST_RESPONSE\":{\"minutes\":240,\"businessHours\":true},\"NEXT_RESPONSE\":{\"minutes\":240,\"businessHours\":true},"
                    + "\"RESOLUTION\":{\"minutes\":2880,\"businessHours\":true}},"
                    + "\"high\":{\"FIRST_RESPONSE\":{\"minutes\":60,\"businessHours\":true},\"RESOLUTION\":{\"minutes\":960,\"businessHours\":true}},"
                    + "\"urgent\":{\"FIRST_RESPONSE\":{\"minutes\":30,\"businessHours\":true},\"RESOLUTION\":{\"minutes\":240,\"businessHours\":true}}}");
            return new People(new Actor(agent, creds.agentEmail(), "Alex Agent", Role.AGENT, null),
                    new Actor(customer, creds.customerEmail(), "Casey Customer", Role.CUSTOMER, org));
        });
        if (people == null) {
            return false;
        }
        long customerId = people.customer().id();
        var printer = tickets.create(people.agent(), new TicketService.CreateTicket("Printer on floor 3 jams on every job",
                "Since Monday the printer near the kitchen jams on every print job, even single pages.",
                Priority.HIGH, customerId, null, null, List.of("hardware", "printer")));
        comments.add(people.agent(), printer.id(), new CommentService.AddComment(
                "Thanks for the report. A technician will look at it this afternoon.", true));
        comments.add(people.agent(), printer.id(), new CommentService.AddComment(
                "Probably the fuser again; spare part is in the storeroom.", false));
        tickets.create(people.agent(), new TicketService.CreateTicket("Cannot log in to the VPN",
                "The VPN client says 'authentication failed' although my password works elsewhere.",
                Priority.URGENT, customerId, people.agent().id(), null, List.of("vpn", "access")));
        tickets.create(people.agent(), new TicketService.CreateTicket("Request: second monitor",
                "Could I get a second monitor for my desk?", Priority.LOW, customerId, null, null, List.of("hardware")));
        return true;
    }
}
