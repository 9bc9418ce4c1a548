package dev.helpdesk.app.notify;

import dev.helpdesk.app.auth.AccountLinks;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.web.Links;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.queue.Job;
import dev.helpdesk.app.queue.JobHandler;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Sends the emails a notification job asks for. Each email has a Message-ID derived from the job
 * and its recipient, and is marked sent in its own transaction right after the SMTP server accepted
 * it: a retry (of a job whose second email failed, or a redelivered job) skips what was sent. The one
 * window left is a crash between the server's acceptance and that commit; the email is then sent
 * again with the same Message-ID, which mail clients show once (docs/operations.md).
 */
@ApplicationScoped
public class NotificationHandler implements JobHandler {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(NotificationHandler.class);
    private final Db db;
    private final ReactiveMailer mailer;
    private final AppConfig.Email email;
    private final AccountLinks accountLinks;
    private final Links links;

    public NotificationHandler(Db db, ReactiveMailer mailer, AppConfig config, AccountLinks accountLinks, Links links) {
        this.db = db;
        this.accountLinks = accountLinks;
        this.links = links;
        this.mailer = mailer;
        this.email = config.email();
    }

    record TicketInfo(long id, String subject, String status, String requesterEmail, String requesterName, Long assigneeId,
                      String assigneeEmail, Long groupId) {}

    @Override
    public void handle(Job job) {
        if (job.type().equals(Notifications.ACCOUNT_LINK)) {
            deliver(job, db.read(c -> accountLinks.forMail(c, Long.parseLong(job.payload().get("linkId")))
                    .map(link -> List.of(AccountMail.compose(link, links))).orElse(List.of()))); // used or expired meanwhile: nothing to send
            return;
        }
        List<Mail> mails = db.read(c -> {
            long ticketId = Long.parseLong(job.payload().get("ticketId"));
            Optional<TicketInfo> found = ticket(c, ticketId);
            if (found.isEmpty()) {
                return List.<Mail>of(); // the ticket is gone; nothing to tell anyone
            }
            TicketInfo t = found.get();
            List<Mail> out = compose(c, job, t);
            for (Mail mail : out) {
                mail.addHeader("In-Reply-To", threadId(t));
                mail.addHeader("References", threadId(t));
                mail.addHeader("X-HelpDesk-Ticket", Long.toString(t.id()));
            }
            return out;
        });
        deliver(job, mails);
    }

    /** Sends each mail once per job and recipient, however often the job is attempted. */
    private void deliver(Job job, List<Mail> mails) {
        for (Mail mail : mails) {
            mail.setFrom(email.from());
            mail.addHeader("Message-ID", messageId(job, mail.getTo().get(0)));
            String id = mail.getHeaders().get("Message-ID").get(0);
            if (db.read(c -> Sql.count(c, "SELECT count(*) FROM sent_emails WHERE message_id = ?", id)) > 0) {
                continue; // sent by an earlier attempt of this job
            }
            if (email.enabled()) {
                // a timeout fails this attempt; the job is retried with back-off like any other failure
                mailer.send(mail).await().atMost(email.timeout());
            } else {
                // standalone and test desks without SMTP: show what would have been sent
                LOG.infof("email not sent (EMAIL_ENABLED=false): to=%s subject=%s", mail.getTo(), mail.getSubject());
            }
            db.tx(c -> Sql.update(c, "INSERT INTO sent_emails (message_id, job_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    id, job.id()));
        }
    }

    /** The same for every attempt of one job to one recipient: {@code <jobId.recipientHash@senderDomain>}. */
    String messageId(Job job, String recipient) {
        String hash = dev.helpdesk.app.auth.TokenService.sha256Hex(recipient.toLowerCase(java.util.Locale.ROOT)).substring(0, 16);
        String from = email.from() == null ? "" : email.from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "helpdesk";
        return "<" + job.id().replaceAll("[^A-Za-z0-9._-]", "_") + "." + hash + "@" + (domain.isEmpty() ? "helpdesk" : domain) + ">";
    }

    private List<Mail> compose(Connection c, Job job, TicketInfo t) throws SQLException {
        String ref = "[#" + t.id() + "] " + t.subject();
        return switch (job.type()) {
            case Notifications.TICKET_CREATED -> List.of(mail(t.requesterEmail(), "Received: " + ref,
                    "Hello " + t.requesterName() + ",\n\nwe received your request and will answer soon.\n\nTicket #" + t.id() + ": " + t.subject()));
            case Notifications.AGENT_REPLY -> List.of(mail(t.requesterEmail(), "Re: " + ref, comment(c, job) + "\n\n— Ticket #" + t.id()));
            case Notifications.CUSTOMER_REPLY -> t.assigneeEmail() == null ? List.of()
                    : List.of(mail(t.assigneeEmail(), "Customer replied: " + ref, comment(c, job) + "\n\n— Ticket #" + t.id()));
            case Notifications.ASSIGNED -> t.assigneeEmail() == null ? List.of()
                    : List.of(mail(t.assigneeEmail(), "Assigned to you: " + ref, "Ticket #" + t.id() + " is now yours: " + t.subject()));
            case Notifications.SLA_REMINDER, Notifications.SLA_BREACH -> staff(c, t).stream().map(to -> mail(to,
                    (job.type().equals(Notifications.SLA_BREACH) ? "SLA breached: " : "SLA due soon: ") + ref,
                    "The " + job.payload().get("metric").replace('_', ' ') + " target of ticket #" + t.id()
                            + (job.type().equals(Notifications.SLA_BREACH) ? " was breached at " : " is due at ")
                            + job.payload().get("due") + ".")).toList();
            default -> throw new IllegalArgumentException("unknown notification type " + job.type());
        };
    }

    /** The assignee, or every active agent of the ticket's group when nobody is assigned. */
    private static List<String> staff(Connection c, TicketInfo t) throws SQLException {
        if (t.assigneeEmail() != null) {
            return List.of(t.assigneeEmail());
        }
        if (t.groupId() == null) {
            return List.of();
        }
        return Sql.list(c, "SELECT u.email FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? AND u.active ORDER BY u.id",
                rs -> rs.getString(1), t.groupId());
    }

    private static String comment(Connection c, Job job) throws SQLException {
        return Sql.one(c, "SELECT body FROM comments WHERE id = ?", rs -> rs.getString(1),
                Long.parseLong(job.payload().get("commentId"))).orElse("");
    }

    private static Optional<TicketInfo> ticket(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT t.id, t.subject, t.status, r.email AS r_email, r.name AS r_name, t.assignee_id, a.email AS a_email, t.group_id "
                + "FROM tickets t JOIN users r ON r.id = t.requester_id LEFT JOIN users a ON a.id = t.assignee_id WHERE t.id = ?",
                rs -> new TicketInfo(rs.getLong("id"), rs.getString("subject"), rs.getString("status"), rs.getString("r_email"),
                        rs.getString("r_name"), Sql.nullableLong(rs, "assignee_id"), rs.getString("a_email"), Sql.nullableLong(rs, "group_id")), id);
    }

    static Mail mail(String to, String subject, String text) {
        String html = "<html><body><p>" + escape(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p></body></html>";
        return Mail.withText(to, subject, text).setHtml(html);
    }

    /** Every email about a ticket refers to the same thread root, so mail clients keep one thread. */
    static String threadId(TicketInfo t) {
        return "<ticket-" + t.id() + "@helpdesk>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
