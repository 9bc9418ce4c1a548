package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.storage.AttachmentService;
import dev.helpdesk.app.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The files of a page form (the "files" field): checked before the ticket or reply they go with
 * is created, so a refused file loses nothing and creates nothing, then stored through the same
 * service as the API's uploads.
 */
@ApplicationScoped
public class FormFiles {
    static final String FIELD = "files";
    private final AttachmentService attachments;

    public FormFiles(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** The chosen files; a browser sends an empty, nameless part when none was chosen. */
    static List<FileUpload> chosen(List<FileUpload> files) {
        return files == null ? List.of() : files.stream().filter(f -> f.fileName() != null && !f.fileName().isBlank()).toList();
    }

    /** Why one of the files would be refused, as a sentence naming it, or empty when all would be stored. */
    Optional<String> problem(List<FileUpload> files) {
        for (FileUpload f : files) {
            try {
                attachments.acceptedType(f.uploadedFile(), f.size());
            } catch (ApiException e) {
                return Optional.of(f.fileName() + " was refused: " + e.getMessage() + ". Nothing was saved; choose another file.");
            } catch (IOException e) {
                return Optional.of(f.fileName() + " could not be read: " + e.getMessage() + ". Nothing was saved; choose it again.");
            }
        }
        return Optional.empty();
    }

    /** Stores the files on the comment, or on the ticket's description when {@code commentId} is null. */
    void attach(Actor actor, long ticketId, Long commentId, List<FileUpload> files) {
        for (FileUpload f : files) {
            try (InputStream in = Files.newInputStream(f.uploadedFile())) {
                attachments.upload(actor, ticketId, commentId, f.fileName(), f.size(), in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
