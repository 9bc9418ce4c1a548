package dev.helpdesk.app.ticket;

import java.util.LinkedHashSet;
import java.util.List;

/** Tags are short lowercase words; stored sorted and without duplicates. */
final class Tags {
    static final int MAX_TAGS = 20;

    private Tags() {}

    static String check(String tag) {
        if (!tag.matches("[a-z0-9][a-z0-9_:.-]{0,49}")) {
            throw new IllegalArgumentException("'" + tag + "' is not a tag: use 1-50 lowercase letters, digits, '_', '-', ':' or '.'");
        }
        return tag;
    }

    static List<String> normalize(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            out.add(t.trim().toLowerCase());
        }
        return out.stream().sorted().toList();
    }
}
