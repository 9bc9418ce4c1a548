package dev.helpdesk.app.web;

/** {@code page} (1-based) and {@code size} (1..100) query parameters. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 100;

    public static PageRequest parse(Validator v, String page, String size) {
        Integer p = v.parse("page", page, s -> positive(s, Integer.MAX_VALUE / MAX_SIZE));
        Integer z = v.parse("size", size, s -> positive(s, MAX_SIZE));
        return new PageRequest(p == null ? 1 : p, z == null ? 25 : z);
    }

    private static int positive(String raw, int max) {
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number (got '" + raw + "')");
        }
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("must be between 1 and " + max + " (got " + value + ")");
        }
        return value;
    }

    public int offset() {
        return (page - 1) * size;
    }

    public <T> Page<T> of(java.util.List<T> items, long total) {
        return new Page<>(items, total, page, size);
    }
}
