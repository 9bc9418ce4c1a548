package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Attachment limits and where attachment bytes are stored. */
public class AttachmentsSpec {
    @Default("26214400")
    @Min(1)
    @JsonPropertyDescription("Largest attachment in bytes (ATTACH_MAX_BYTES).")
    public Long maxBytes = 26214400L;

    @JsonPropertyDescription("MIME types accepted, decided from the file's content (ATTACH_ALLOWED_MIME).")
    public List<String> allowedMimeTypes = List.of("image/png", "image/jpeg", "application/pdf", "text/plain");

    @JsonPropertyDescription("Storage: a PersistentVolumeClaim (default) or an S3 bucket.")
    public Storage storage = new Storage();

    @ValidationRule(value = "!(has(self.s3) && has(self.s3.bucket) && self.s3.bucket != '') || (has(self.s3.endpoint) && self.s3.endpoint != '')",
            message = "attachments.storage.s3: endpoint is required when a bucket is set")
    public static class Storage {
        @JsonPropertyDescription("A volume for attachments, mounted by the app and worker pods (see pvc.accessMode).")
        public Pvc pvc = new Pvc();

        @JsonPropertyDescription("An S3-compatible bucket; used instead of the volume when bucket is set.")
        public S3 s3;

        public boolean usesS3Bucket() {
            return s3 != null && s3.bucket != null && !s3.bucket.isEmpty();
        }
    }

    public static class Pvc {
        @Default("5Gi")
        @JsonPropertyDescription("Size of the attachments volume.")
        public String size = "5Gi";

        @Default("ReadWriteOnce")
        @io.fabric8.generator.annotation.Pattern("^(ReadWriteOnce|ReadWriteMany)$")
        @JsonPropertyDescription("ReadWriteOnce (default, every cluster has it): app and worker pods are kept on the node that mounts"
                + " the volume. ReadWriteMany (needs a class that offers it, e.g. NFS or CephFS) lets them spread over nodes."
                + " Fixed when the volume is created.")
        public String accessMode = "ReadWriteOnce";

        @JsonPropertyDescription("StorageClass of the attachments volume; the cluster default when unset. Fixed when the volume is created.")
        public String storageClassName;
    }

    public static class S3 {
        @JsonPropertyDescription("Endpoint URL, e.g. https://s3.eu-central-1.amazonaws.com.")
        public String endpoint;

        @JsonPropertyDescription("Bucket name.")
        public String bucket;

        @JsonPropertyDescription("Region.")
        public String region;

        @JsonPropertyDescription("Secret with keys accessKey and secretKey.")
        public SecretRef secretRef;
    }
}
