package dev.helpdesk.app.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs plain-SQL work on a pooled connection, in one transaction when asked. The pool is looked
 * up lazily: without DATABASE_URL it is inactive, and start-up must get as far as reporting that.
 */
@ApplicationScoped
public class Db {
    private final Instance<AgroalDataSource> pool;

    public Db(Instance<AgroalDataSource> pool) {
        this.pool = pool;
    }

    public <R> R tx(SqlFunction<Connection, R> work) {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                R result = work.apply(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public <R> R read(SqlFunction<Connection, R> work) {
        try (Connection c = dataSource().getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public DataSource dataSource() {
        return pool.get();
    }
}
