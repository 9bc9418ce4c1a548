package dev.helpdesk.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.app.config.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachment storage against a real S3 protocol server (s3proxy), with signed requests. */
class S3BlobStoreTest {
    static dev.helpdesk.app.testing.S3Server s3Server;
    static String endpoint;

    @BeforeAll
    static void startS3() throws Exception {
        s3Server = dev.helpdesk.app.testing.S3Server.start("attachments");
        endpoint = s3Server.endpoint();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3Server.close();
    }

    private static S3BlobStore store(String bucket, String secret) {
        return new S3BlobStore(new AppConfig.S3(endpoint, bucket, "us-east-1", "access-key", secret, true));
    }

    @Test
    void storesReadsAndDeletesObjects(@TempDir Path tmp) throws IOException {
        S3BlobStore s3 = store("attachments", "secret-key");
        Path file = Files.writeString(tmp.resolve("a.txt"), "hello attachment", StandardCharsets.UTF_8);
        s3.put("tickets/1/abc", file, "text/plain");
        try (InputStream in = s3.open("tickets/1/abc")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello attachment");
        }
        assertThat(s3.healthy()).isTrue();
        s3.delete("tickets/1/abc");
        assertThatThrownBy(() -> s3.open("tickets/1/abc")).isInstanceOf(IOException.class);
    }

    @Test
    void healthIsFalseForAMissingBucketOrWrongCredentials() {
        assertThat(store("no-such-bucket", "secret-key").healthy()).isFalse();
        assertThat(store("attachments", "wrong-secret").healthy()).isFalse();
    }
}
