package dev.helpdesk.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Typed, validated reads of environment-style variables; every error names the variable. */
public final class ConfigReader {
    private final Function<String, Optional<String>> source;

    public ConfigReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public Optional<String> optional(String name) {
        return source.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name, "is required but not set"));
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public long longValue(String name, long fallback, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number (got '" + raw.get() + "')");
        }
        if (value < min || value > max) {
            throw new ConfigException(name, "must be between " + min + " and " + max + " (got " + value + ")");
        }
        return value;
    }

    public int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, "must be true or false (got '" + raw.get() + "')");
        };
    }

    public List<String> list(String name, List<String> fallback) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(fallback);
    }
}
