package dev.helpdesk.app.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds DATABASE_URL (environment, or a system property set by standalone mode) to the Quarkus
 * datasource. A malformed URL yields nothing here; {@link AppConfig} reports it by name at start-up.
 */
public class DatabaseUrlConfigSource implements ConfigSource {
    private static final String URL = "quarkus.datasource.jdbc.url";
    private static final String USER = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> out = new HashMap<>();
        Optional.ofNullable(System.getProperty("DATABASE_URL")).or(() -> Optional.ofNullable(System.getenv("DATABASE_URL")))
                .filter(s -> !s.isBlank())
                .ifPresent(raw -> {
                    try {
                        DatabaseUrl db = DatabaseUrl.parse("DATABASE_URL", raw.trim());
                        out.put(URL, db.jdbcUrl());
                        if (db.username() != null) {
                            out.put(USER, db.username());
                        }
                        if (db.password() != null) {
                            out.put(PASSWORD, db.password());
                        }
                    } catch (ConfigException e) {
                        // reported with the variable's name when the application validates its configuration
                    }
                });
        return out;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return propertyName.startsWith("quarkus.datasource.") ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "DATABASE_URL";
    }

    /** Above application.properties (250), below explicit system properties (400) and env (300). */
    @Override
    public int getOrdinal() {
        return 275;
    }
}
