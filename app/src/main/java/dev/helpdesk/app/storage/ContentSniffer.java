package dev.helpdesk.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.Tika;

/** Decides a file's type from its bytes (magic numbers), never from the client's claim. */
final class ContentSniffer {
    private static final Tika TIKA = new Tika();

    private ContentSniffer() {}

    static String detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TIKA.detect(in);
        }
    }

    static boolean allowed(String type, List<String> allowed) {
        for (String a : allowed) {
            if (a.equals(type) || (a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
