package dev.helpdesk.app.storage;

import dev.helpdesk.app.config.AppConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

public class BlobStoreProducer {
    @Produces
    @Singleton
    BlobStore blobStore(AppConfig config) {
        return of(config.storage());
    }

    public static BlobStore of(AppConfig.Storage storage) {
        return storage.isS3() ? new S3BlobStore(storage.s3()) : new FileSystemBlobStore(Path.of(storage.path()));
    }
}
