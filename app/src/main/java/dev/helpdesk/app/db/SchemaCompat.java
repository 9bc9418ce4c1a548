package dev.helpdesk.app.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Which schemas this build can serve: from its own oldest-servable up to its newest migration, and
 * beyond that as long as every newer migration only added (the database's contract floor — the
 * newest migration that removed something — is not newer than this build's newest migration).
 */
public record SchemaCompat(List<String> contract, String oldestServable) {
    public static final Comparator<String> VERSIONS = Comparator.comparing(SchemaCompat::parts, Arrays::compare);

    public static SchemaCompat declared() {
        Properties p = new Properties();
        try (InputStream in = SchemaCompat.class.getResourceAsStream("/db/schema-compat.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> contract = Arrays.stream(p.getProperty("contract", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new SchemaCompat(contract, p.getProperty("oldest-servable").trim());
    }

    /** The newest contract migration at or below {@code version}: what the database's floor is once migrated to it. */
    public Optional<String> floorAt(String version) {
        return contract.stream().filter(c -> version != null && VERSIONS.compare(c, version) <= 0).max(VERSIONS);
    }

    /**
     * Why this build cannot serve a database at {@code current} whose contract floor is
     * {@code floor} (null: unknown, an older database), or empty when it can. {@code latest} is
     * this build's newest migration.
     */
    public Optional<String> problem(String current, String floor, String latest) {
        if (current == null) {
            return Optional.of("the database schema is empty; run the 'migrate' role first");
        }
        if (VERSIONS.compare(current, oldestServable) < 0) {
            return Optional.of("the database schema is at version " + current + " but this version serves " + oldestServable + " to "
                    + latest + " (and later ones that only added); run the 'migrate' role first");
        }
        if (VERSIONS.compare(current, latest) > 0 && (floor == null || VERSIONS.compare(floor, latest) > 0)) {
            return Optional.of("the database schema is at version " + current + ", newer than this version serves (" + oldestServable
                    + " to " + latest + "): " + (floor == null ? "it does not say which migrations only added"
                    : "migration " + floor + " removed what this version uses")
                    + "; run a newer version, or restore a backup taken by this version");
        }
        return Optional.empty();
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("[._]")).mapToInt(Integer::parseInt).toArray();
    }
}
