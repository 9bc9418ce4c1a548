package dev.helpdesk.app.backup;

import dev.helpdesk.app.config.AppConfig;
import dev.helpdesk.app.config.ConfigException;
import dev.helpdesk.app.config.ConfigReader;
import dev.helpdesk.app.storage.BlobStore;
import dev.helpdesk.app.storage.FileSystemBlobStore;
import dev.helpdesk.app.storage.S3BlobStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where backups are kept: a directory (BACKUP_PATH, a volume in Kubernetes) or an S3-compatible
 * bucket (BACKUP_S3_*), one folder per backup named by BACKUP_NAME.
 */
public record BackupTarget(BlobStore store, String prefix, String description) {
    /** A Kubernetes object name: safe as a path segment and an S3 key part. */
    private static final String NAME = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

    public static BackupTarget read(ConfigReader env) {
        Optional<String> path = env.optional("BACKUP_PATH");
        Optional<String> bucket = env.optional("BACKUP_S3_BUCKET");
        if (path.isPresent() == bucket.isPresent()) {
            throw new ConfigException("BACKUP_PATH", "set exactly one of BACKUP_PATH (a directory) or BACKUP_S3_BUCKET "
                    + "(with BACKUP_S3_ENDPOINT, BACKUP_S3_ACCESS_KEY and BACKUP_S3_SECRET_KEY)");
        }
        if (path.isPresent()) {
            Path dir = Path.of(path.get()).toAbsolutePath().normalize();
            return new BackupTarget(new FileSystemBlobStore(dir), "", dir + "/");
        }
        AppConfig.S3 s3 = new AppConfig.S3(env.required("BACKUP_S3_ENDPOINT"), bucket.get(), env.string("BACKUP_S3_REGION", "us-east-1"),
                env.required("BACKUP_S3_ACCESS_KEY"), env.required("BACKUP_S3_SECRET_KEY"), env.bool("BACKUP_S3_PATH_STYLE", true));
        String prefix = env.string("BACKUP_S3_PREFIX", "").replaceAll("^/+|/+$", "");
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        return new BackupTarget(new S3BlobStore(s3), prefix, "s3://" + bucket.get() + "/" + prefix);
    }

    /** BACKUP_NAME: the backup's folder (the HelpDeskBackup's name when the operator runs it). */
    public static String name(ConfigReader env) {
        String name = env.required("BACKUP_NAME");
        if (!name.matches(NAME)) {
            throw new ConfigException("BACKUP_NAME", "must be lower-case letters, digits, '-' and '.', starting and ending with a"
                    + " letter or digit (got '" + name + "')");
        }
        return name;
    }

    /** Deletes backup {@code name}'s files; returns how many there were (0: already gone, which is fine). */
    public int delete(String name) throws java.io.IOException {
        int deleted = 0;
        // the manifest first: to a restore, a backup without it is incomplete whatever else remains
        for (String part : java.util.List.of(Manifest.FILE, Manifest.DATABASE, Manifest.ATTACHMENTS)) {
            try (java.io.InputStream ignored = store.open(key(name, part))) {
                deleted++;
            } catch (java.nio.file.NoSuchFileException e) {
                continue;
            }
            store.delete(key(name, part));
        }
        return deleted;
    }

    String key(String backup, String part) {
        return prefix + backup + "/" + part;
    }

    String location(String backup) {
        return description + backup + "/";
    }
}
