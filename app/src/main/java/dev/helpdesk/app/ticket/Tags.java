package dev.helpdesk.app.ticket;

import java.util.LinkedHashSet;
import java.util.List;

/** Tags are short words, case-insensitive; stored lowercase, sorted and without duplicates. */
final class Tags {
    static final int MAX_TAGS = 20;
    /** 1-50 letters, digits, '_', '-', ':' or '.', starting with a letter or digit; surrounding blanks are ignored. */
    static final String PATTERN = "^\\s*[A-Za-z0-9][A-Za-z0-9_:.-]{0,49}\\s*$";
    /** As a filter value an empty item ("vip,,billing") is ignored. */
    static final String PATTERN_OR_EMPTY = "^(\\s*|\\s*[A-Za-z0-9][A-Za-z0-9_:.-]{0,49}\\s*)$";
    static final String INVALID = "is not a tag: use 1-50 letters, digits, '_', '-', ':' or '.', starting with a letter or digit";
    static final String TOO_MANY = "at most {max} tags";

    private Tags() {}

    /** One tag from a query parameter, normalized; its error message names the bad value. */
    static String check(String tag) {
        if (!tag.matches(PATTERN)) {
            throw new IllegalArgumentException("'" + tag + "' " + INVALID);
        }
        return tag.trim().toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> normalize(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            out.add(t.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return out.stream().sorted().toList();
    }
}
