package dev.helpdesk.app.storage;

import dev.helpdesk.app.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class AttachmentRepository {
    private static final String COLUMNS = "id, ticket_id, comment_id, filename, content_type, size_bytes, sha256, created_at, storage_key";

    private AttachmentRepository() {}

    public static List<Attachment> forTicket(Connection c, long ticketId) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM attachments WHERE ticket_id = ? ORDER BY id", AttachmentRepository::map, ticketId);
    }

    public static List<Attachment> forComment(Connection c, long commentId) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM attachments WHERE comment_id = ? ORDER BY id", AttachmentRepository::map, commentId);
    }

    static Optional<Attachment> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM attachments WHERE id = ?", AttachmentRepository::map, id);
    }

    static long insert(Connection c, long ticketId, long commentId, long uploaderId, String filename, String contentType,
                       long size, String sha256, String key) throws SQLException {
        return Sql.insert(c, "INSERT INTO attachments (ticket_id, comment_id, uploader_id, filename, content_type, size_bytes, "
                + "sha256, storage_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ticketId, commentId, uploaderId, filename,
                contentType, size, sha256, key);
    }

    private static Attachment map(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getLong("comment_id"), rs.getString("filename"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), Sql.instant(rs, "created_at"),
                rs.getString("storage_key"));
    }
}
