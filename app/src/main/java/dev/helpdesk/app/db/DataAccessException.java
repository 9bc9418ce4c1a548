package dev.helpdesk.app.db;

import java.sql.SQLException;

/** Unchecked wrapper so SQL failures reach the problem mappers with their SQLSTATE intact. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState());
    }
}
