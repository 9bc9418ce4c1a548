package dev.helpdesk.app.notify;

/** Job types the worker turns into email (docs/operations.md lists them). */
public final class Notifications {
    public static final String TICKET_CREATED = "ticket.created";
    public static final String AGENT_REPLY = "comment.agent_reply";
    public static final String CUSTOMER_REPLY = "comment.customer_reply";
    public static final String ASSIGNED = "ticket.assigned";
    public static final String SLA_REMINDER = "sla.reminder";
    public static final String SLA_BREACH = "sla.breach";
    /** A password-reset, invitation or verification link (auth.AccountLinks); payload: linkId. */
    public static final String ACCOUNT_LINK = "account.link";

    private Notifications() {}
}
