package dev.helpdesk.app.web;

/**
 * What every text the desk stores must be: PostgreSQL cannot store U+0000, and an unpaired
 * UTF-16 surrogate is not a character at all (it would be stored as '?').
 */
public final class TextRules {
    private TextRules() {}

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL characters (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return unpaired(c);
            }
            if (Character.isLowSurrogate(c)) {
                return unpaired(c);
            }
        }
        return null;
    }

    private static String unpaired(char c) {
        return String.format("must not contain an unpaired UTF-16 surrogate (U+%04X)", (int) c);
    }
}
