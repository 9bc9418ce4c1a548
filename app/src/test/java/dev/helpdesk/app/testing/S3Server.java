package dev.helpdesk.app.testing;

import dev.helpdesk.app.standalone.EmbeddedServers;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** A real S3 protocol server (s3proxy over an in-memory store) with signed requests: access-key / secret-key. */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "access-key";
    public static final String SECRET_KEY = "secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final String endpoint;

    private S3Server(S3Proxy proxy, BlobStoreContext context, String endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Started, with these buckets created. */
    public static S3Server start(String... buckets) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        for (String bucket : buckets) {
            context.getBlobStore().createContainerInLocation(null, bucket);
        }
        String endpoint = "http://127.0.0.1:" + EmbeddedServers.freePort();
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        return new S3Server(proxy, context, endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
