package dev.helpdesk.app.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one backup holds, written last (a backup without it did not complete): the app and schema
 * versions it was taken at, and size and sha256 of each part, checked again before a restore.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int format, String name, String createdAt, String appVersion, String schemaVersion, Part database,
                       Part attachments) {
    static final String FILE = "manifest.json";
    static final String DATABASE = "database.dump";
    static final String ATTACHMENTS = "attachments.zip";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Part(String file, long sizeBytes, String sha256, Integer count) {
        static Part of(Path file, String name, Integer count) throws IOException {
            return new Part(name, Files.size(file), Manifest.sha256(file), count);
        }

        /** Null when the file is what this part says; otherwise why not, for the error message. */
        String mismatch(Path file) throws IOException {
            long size = Files.size(file);
            if (size != sizeBytes) {
                return this.file + " has " + size + " bytes, the manifest says " + sizeBytes + " (truncated)";
            }
            String actual = Manifest.sha256(file);
            return actual.equals(sha256) ? null : this.file + " has sha256 " + actual + ", the manifest says " + sha256 + " (corrupt)";
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
