package dev.helpdesk.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Statements sent together on a real PostgreSQL: each one's rows come back to it, and they stand or fall together. */
@QuarkusTest
class SqlBatchTest extends HelpDeskTest {
    @Inject
    Db db;

    @Test
    void eachStatementGetsItsOwnParametersAndRows() {
        db.read(c -> {
            temporaryTable(c);
            SqlBatch batch = new SqlBatch();
            batch.update("INSERT INTO batch_probe (id, label) VALUES (?, ?), (?, ?)", 1, "one", 2, null);
            SqlBatch.Rows<String> labels = batch.query("SELECT coalesce(label, 'none') FROM batch_probe WHERE id <= ? ORDER BY id",
                    rs -> rs.getString(1), 2);
            SqlBatch.Rows<Long> count = batch.query("SELECT count(*) FROM batch_probe WHERE label = ?", rs -> rs.getLong(1), "one");
            SqlBatch.Rows<String> nothing = batch.query("SELECT label FROM batch_probe WHERE id = ?", rs -> rs.getString(1), 99);
            assertThatThrownBy(labels::list).hasMessageContaining("has not run");
            batch.run(c);
            assertThat(labels.list()).containsExactly("one", "none");
            assertThat(count.one()).contains(1L);
            assertThat(nothing.list()).isEmpty();
            assertThatThrownBy(() -> batch.run(c)).hasMessageContaining("already run");
            return null;
        });
    }

    @Test
    void outsideATransactionAFailingStatementUndoesTheOnesBeforeIt() {
        db.read(c -> {
            temporaryTable(c);
            SqlBatch batch = new SqlBatch();
            batch.update("INSERT INTO batch_probe (id, label) VALUES (?, ?)", 1, "kept?");
            batch.update("INSERT INTO batch_probe (id, label) VALUES (?, ?)", 1, "duplicate key");
            assertThatThrownBy(() -> batch.run(c)).isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
            SqlBatch check = new SqlBatch();
            SqlBatch.Rows<Long> rows = check.query("SELECT count(*) FROM batch_probe", rs -> rs.getLong(1));
            check.run(c);
            assertThat(rows.one()).contains(0L);
            return null;
        });
    }

    private static void temporaryTable(Connection c) throws SQLException {
        Sql.update(c, "CREATE TEMPORARY TABLE IF NOT EXISTS batch_probe (id int PRIMARY KEY, label text)");
        Sql.update(c, "DELETE FROM batch_probe");
    }
}
