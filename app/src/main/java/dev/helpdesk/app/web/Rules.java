package dev.helpdesk.app.web;

/**
 * Field rules shared by request records: constants for constraint annotations, so a limit is
 * written once and both validates requests and appears in the OpenAPI document.
 */
public final class Rules {
    private Rules() {}

    public static final String MAX_CHARS = "must be at most {max} characters";
    public static final String NOT_BLANK = "must not be blank";
    // Patterns are anchored and use only what Java and ECMA-262 (the OpenAPI document's dialect) read
    // alike, so a pattern means the same to the server and to every client that checks it.
    /** Something other than white space; for optional fields that may not be blank when present. */
    public static final String NON_BLANK_PATTERN = "^[\\s\\S]*\\S[\\s\\S]*$";
    public static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String EMAIL = "is not a valid email address";

    public static final int NAME = 200;
    public static final int EMAIL_LENGTH = 254;
    public static final int PASSWORD_MIN = 8;
    /** bcrypt reads only the first 72 bytes of a password, so longer ones are refused rather than cut. */
    public static final int PASSWORD_MAX_BYTES = 72;
    public static final String PASSWORD_LENGTH = "must be 8 to 72 characters";
}
