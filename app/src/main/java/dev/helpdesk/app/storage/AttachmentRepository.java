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

    /** The files of a ticket the reader may see: its description's, and those of comments visible to them (staff: all). */
    public static List<Attachment> visibleOnTicket(Connection c, long ticketId, boolean staff) throws SQLException {
        return Sql.list(c, "SELECT a.id, a.ticket_id, a.comment_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.created_at, "
                + "a.storage_key FROM attachments a LEFT JOIN comments cm ON cm.id = a.comment_id"
                + " WHERE a.ticket_id = ? AND (a.comment_id IS NULL OR cm.public OR ?) ORDER BY a.id", AttachmentRepository::map, ticketId, staff);
    }

    static Optional<Attachment> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM attachments WHERE id = ?", AttachmentRepository::map, id);
    }

    static long insert(Connection c, long ticketId, Long commentId, long uploaderId, String filename, String contentType,
                       long size, String sha256, String key) throws SQLException {
        return Sql.insert(c, "INSERT INTO attachments (ticket_id, comment_id, uploader_id, filename, content_type, size_bytes, "
                + "sha256, storage_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ticketId, commentId, uploaderId, filename,
                contentType, size, sha256, key);
    }

    private static Attachment map(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getLong("ticket_id"), Sql.nullableLong(rs, "comment_id"), rs.getString("filename"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), Sql.instant(rs, "created_at"),
                rs.getString("storage_key"));
    }
}
