package dev.helpdesk.app.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The migrations this build ships (db/migration/V*.sql), so schema assertions follow new migrations. */
public final class Migrations {
    private Migrations() {}

    public static int count() {
        try (Stream<Path> files = Files.list(Path.of(Migrations.class.getClassLoader().getResource("db/migration").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest version; migrations are numbered 1, 2, 3, … without gaps. */
    public static String latest() {
        return Integer.toString(count());
    }
}
