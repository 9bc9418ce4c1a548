package dev.helpdesk.app.auth;

/** What the API and the pages say after an account request: the same words, whatever the address. */
public final class AccountMessages {
    public static final String RESET_SENT = "If an account uses this address, we sent it a link to choose a new password."
            + " The link works once, for 1 hour.";
    public static final String REGISTERED = "Check your email: we sent a link to confirm your address. Your account works once you"
            + " open it (within 2 days). If the address already has an account, sign in or reset your password instead.";

    private AccountMessages() {}
}
