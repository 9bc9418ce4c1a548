package dev.helpdesk.app.storage;

import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.ticket.CommentService;
import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts an upload only if it fits ATTACH_MAX_BYTES (checked while streaming, so an oversized
 * body is cut off, not buffered) and its sniffed type is in ATTACH_ALLOWED_MIME.
 */
@ApplicationScoped
public class AttachmentService {
    private static final Logger LOG = Logger.getLogger(AttachmentService.class);
    private final Db db;
    private final CommentService comments;
    private final BlobStore store;
    private final AuditLog audit;
    private final AppConfig.Attachments limits;

    public AttachmentService(Db db, CommentService comments, BlobStore store, AuditLog audit, AppConfig config) {
        this.db = db;
        this.comments = comments;
        this.store = store;
        this.audit = audit;
        this.limits = config.attachments();
    }

    /** Stores a file on the comment {@code commentId}, or on the ticket's description when it is null. */
    public Attachment upload(Actor actor, long ticketId, Long commentId, String filename, long declaredLength,
                             InputStream body) {
        db.read(c -> {
            comments.attachable(c, actor, ticketId, commentId, false);
            return null;
        });
        if (declaredLength > limits.maxBytes()) {
            throw tooLarge();
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("helpdesk-upload-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                size = copyAtMost(body, out, limits.maxBytes());
            }
            String type = acceptedType(tmp, size);
            String name = AttachmentNames.display(filename, type);
            String key = "tickets/" + ticketId + "/" + UUID.randomUUID();
            store.put(key, tmp, type);
            String digest = HexFormat.of().formatHex(sha.digest());
            try {
                return db.tx(c -> {
                    comments.attachable(c, actor, ticketId, commentId, true); // the ticket may have been closed while the file streamed
                    java.time.Instant at = dev.helpdesk.app.db.Sql.clock(c);
                    long id = AttachmentRepository.insert(c, ticketId, commentId, actor.id(), name, type, size, digest, key);
                    audit.record(c, "ticket", ticketId, ticketId, actor.id(), "attached", AuditLog.changes()
                            .set("attachmentId", id).set("filename", name).set("contentType", type).set("sizeBytes", size), at);
                    return AttachmentRepository.find(c, id).orElseThrow();
                });
            } catch (RuntimeException e) {
                deleteQuietly(key);
                throw e;
            }
        } catch (IOException e) {
            throw storageFailed(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // temp dir is cleaned by the OS
                }
            }
        }
    }

    /**
     * The sniffed type of a file already on disk if it would be accepted; otherwise the error
     * {@link #upload} would give (empty 400, too large 413, type 415). Lets a form refuse a bad
     * file before it creates anything.
     */
    public String acceptedType(Path file, long size) throws IOException {
        if (size == 0) {
            throw ApiException.invalidField("body", "the upload is empty");
        }
        if (size > limits.maxBytes()) {
            throw tooLarge();
        }
        String type = ContentSniffer.detect(file);
        if (!ContentSniffer.allowed(type, limits.allowedMimeTypes())) {
            throw new ApiException(415, "unsupported-attachment-type", "Unsupported attachment type",
                    "the file's content is " + type + ", which is not allowed; allowed: "
                            + String.join(", ", limits.allowedMimeTypes()), null, null);
        }
        return type;
    }

    /** Every file of the ticket the actor may see: the description's and those of the comments visible to them. */
    public java.util.List<Attachment> list(Actor actor, long ticketId) {
        return db.read(c -> {
            comments.seeable(c, actor, ticketId, null);
            return AttachmentRepository.visibleOnTicket(c, ticketId, actor.isStaff());
        });
    }

    public record Download(Attachment attachment, InputStream content) {}

    public Download download(Actor actor, long attachmentId) {
        Attachment a = db.read(c -> {
            Attachment found = AttachmentRepository.find(c, attachmentId)
                    .orElseThrow(() -> ApiException.notFound("attachment " + attachmentId));
            try {
                comments.seeable(c, actor, found.ticketId(), found.commentId());
            } catch (ApiException e) {
                throw ApiException.notFound("attachment " + attachmentId);
            }
            return found;
        });
        try {
            return new Download(a, store.open(a.storageKey()));
        } catch (IOException e) {
            throw storageFailed(e);
        }
    }

    private long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                throw tooLarge();
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    /** The cause goes to the log (it names paths and buckets); the client hears only that storage failed. */
    private static ApiException storageFailed(IOException e) {
        String incident = UUID.randomUUID().toString();
        LOG.warnf(e, "attachment storage failed, incident %s", incident);
        return ApiException.unavailable("attachment storage failed; try again shortly, or report incident " + incident);
    }

    private ApiException tooLarge() {
        return new ApiException(413, "attachment-too-large", "Attachment too large",
                "attachments may be at most " + limits.maxBytes() + " bytes", null, null);
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            LOG.warnf("could not remove orphaned attachment %s: %s", key, e.getMessage());
        }
    }
}
