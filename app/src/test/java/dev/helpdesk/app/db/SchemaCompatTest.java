package dev.helpdesk.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migrations follow expand/contract: one not listed as contract in db/schema-compat.properties
 * must only add, so that the previous version keeps running on the migrated schema (automatic
 * rollback without a restore depends on it).
 */
class SchemaCompatTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final List<Pattern> DESTRUCTIVE = Stream.of(
            "\\bDROP\\s+(TABLE|COLUMN|VIEW|MATERIALIZED\\s+VIEW|FUNCTION|TYPE|SCHEMA|SEQUENCE)\\b",
            "\\bALTER\\s+TABLE\\s+\\S+\\s+DROP\\s+(?!CONSTRAINT)\\w+", "\\bRENAME\\b", "\\bALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b",
            "\\bTRUNCATE\\b", "\\bDELETE\\s+FROM\\b", "\\bSET\\s+NOT\\s+NULL\\b")
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("\\bDROP\\s+CONSTRAINT\\s+(IF\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

    /** Destructive statements of a migration; a constraint dropped and added again under its name (widened) is not one. */
    static List<String> destructive(String sql) {
        String code = sql.replaceAll("--[^\\n]*", "");
        List<String> found = new ArrayList<>();
        for (Pattern p : DESTRUCTIVE) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                found.add(m.group());
            }
        }
        Matcher drop = DROP_CONSTRAINT.matcher(code);
        while (drop.find()) {
            if (!Pattern.compile("\\bADD\\s+CONSTRAINT\\s+" + drop.group(2) + "\\b", Pattern.CASE_INSENSITIVE).matcher(code).find()) {
                found.add(drop.group());
            }
        }
        return found;
    }

    @Test
    void migrationsNotMarkedContractOnlyAdd() throws Exception {
        SchemaCompat compat = SchemaCompat.declared();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.sorted().toList()) {
                String version = f.getFileName().toString().replaceAll("^V([\\d_.]+)__.*", "$1");
                if (!compat.contract().contains(version)) {
                    destructive(Files.readString(f)).forEach(s -> problems.add(f.getFileName() + ": " + s));
                }
            }
        }
        assertThat(problems).as("destructive statements in migrations marked expand: land them a release after the code stopped"
                + " using what they remove, and list them as contract in db/schema-compat.properties").isEmpty();
    }

    @Test
    void theCheckFindsWhatItMustAndLetsAWidenedConstraintThrough() {
        assertThat(destructive("ALTER TABLE tickets DROP COLUMN subject;")).isNotEmpty();
        assertThat(destructive("DROP TABLE processed_jobs;")).isNotEmpty();
        assertThat(destructive("ALTER TABLE t ALTER COLUMN c TYPE bigint;")).isNotEmpty();
        assertThat(destructive("ALTER TABLE t RENAME COLUMN a TO b;")).isNotEmpty();
        assertThat(destructive("ALTER TABLE t ALTER COLUMN c SET NOT NULL;")).isNotEmpty();
        assertThat(destructive("ALTER TABLE t DROP CONSTRAINT t_check;")).isNotEmpty();
        assertThat(destructive("ALTER TABLE t DROP CONSTRAINT t_check; ALTER TABLE t ADD CONSTRAINT t_check CHECK (x IN (1, 2, 3));")).isEmpty();
        assertThat(destructive("-- DROP TABLE x in a comment\nCREATE TABLE y (id int);")).isEmpty();
    }

    @Test
    void theDeclarationNamesRealMigrationsAndARangeEndingAtTheNewest() throws Exception {
        SchemaCompat compat = SchemaCompat.declared();
        String latest = Integer.toString(dev.helpdesk.app.testing.Migrations.count());
        for (String c : compat.contract()) {
            try (Stream<Path> files = Files.list(MIGRATIONS)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("contract migration " + c).anyMatch(n -> n.startsWith("V" + c + "__"));
            }
        }
        assertThat(SchemaCompat.VERSIONS.compare(compat.oldestServable(), latest)).isLessThanOrEqualTo(0);
        assertThat(compat.floorAt(latest)).hasValue("8");
    }

    @Test
    void whichSchemasThisBuildServes() {
        SchemaCompat compat = new SchemaCompat(List.of("8", "12"), "9");
        assertThat(compat.problem("9", "8", "10")).isEmpty();
        assertThat(compat.problem("10", "8", "10")).isEmpty();
        assertThat(compat.problem("11", "8", "10")).as("only added since").isEmpty();
        assertThat(compat.problem("12", "12", "10")).hasValueSatisfying(p -> assertThat(p).contains("migration 12 removed what this version uses"));
        assertThat(compat.problem("11", null, "10")).hasValueSatisfying(p -> assertThat(p).contains("does not say"));
        assertThat(compat.problem("8", "8", "10")).hasValueSatisfying(p -> assertThat(p).contains("run the 'migrate' role first"));
        assertThat(compat.problem(null, null, "10")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(compat.floorAt("11")).hasValue("8");
        assertThat(compat.floorAt("7")).isEmpty();
    }
}
