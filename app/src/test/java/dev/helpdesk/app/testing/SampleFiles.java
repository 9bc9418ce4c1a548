package dev.helpdesk.app.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small files whose bytes say what they are (the content sniffer's view), for upload tests. */
public final class SampleFiles {
    public static final byte[] PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
            new byte[64]);
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] EXE = concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[200]);
    public static final byte[] HTML = "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.US_ASCII);

    private SampleFiles() {}

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
