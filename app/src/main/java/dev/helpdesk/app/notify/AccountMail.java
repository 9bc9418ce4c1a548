package dev.helpdesk.app.notify;

import dev.helpdesk.app.auth.AccountLinks;
import dev.helpdesk.app.web.Links;
import io.quarkus.mailer.Mail;

/** The emails of the account lifecycle: each carries one single-use link and says how long it works. */
final class AccountMail {
    private AccountMail() {}

    static Mail compose(AccountLinks.Link link, Links links) {
        String url = links.to(link.path());
        String hours = lifetime(link.purpose().lifetime);
        return switch (link.purpose()) {
            case RESET -> NotificationHandler.mail(link.email(), "Reset your HelpDesk password", "Hello " + link.name()
                    + ",\n\nsomeone (we hope you) asked to reset the password of your HelpDesk account. To choose a new one, open:\n\n"
                    + url + "\n\nThe link works once, for " + hours + ". If you did not ask, ignore this email: your password stays as it is.");
            case INVITE -> NotificationHandler.mail(link.email(), "You are invited to HelpDesk", "Hello " + link.name()
                    + ",\n\nan administrator created a HelpDesk account for you. To choose your password and sign in, open:\n\n"
                    + url + "\n\nThe link works once, for " + hours + ".");
            case VERIFY -> NotificationHandler.mail(link.email(), "Confirm your email address for HelpDesk", "Hello " + link.name()
                    + ",\n\nto finish creating your HelpDesk account, confirm this address by opening:\n\n"
                    + url + "\n\nThe link works once, for " + hours + ". If you did not sign up, ignore this email.");
        };
    }

    static String lifetime(java.time.Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
    }
}
