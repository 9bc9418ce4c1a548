package dev.helpdesk.app.storage;

import java.util.List;
import java.util.Locale;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * The name an attachment is shown and downloaded under: the last path segment of what the client
 * sent, without control, format (bidi, zero-width) or reserved characters, without leading or
 * trailing dots, and with an extension that fits the type sniffed from the bytes — so a text file
 * sent as {@code page.html} downloads as {@code page.html.txt}, never as something a browser runs.
 */
final class AttachmentNames {
    static final int MAX_LENGTH = 255;
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private AttachmentNames() {}

    static String display(String sent, String detectedType) {
        String name = sent == null ? "" : sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]", "")
                .replaceAll("[<>:\"|?*]", "_")
                .strip()
                .replaceAll("^[.\\s]+|[.\\s]+$", "");
        List<String> extensions = extensionsOf(detectedType);
        String lower = name.toLowerCase(Locale.ROOT);
        if (!extensions.isEmpty() && extensions.stream().noneMatch(lower::endsWith)) {
            name = (name.isEmpty() ? "attachment" : name) + extensions.get(0);
        }
        if (name.isEmpty()) {
            name = "attachment";
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - ext.length()) + ext;
        }
        return name;
    }

    /** The type's extensions, its preferred one first ({@code .txt} for text/plain); none when Tika knows none. */
    private static List<String> extensionsOf(String type) {
        try {
            MimeType t = TYPES.forName(type);
            List<String> all = t.getExtensions();
            if (all.isEmpty() || t.getExtension().isEmpty()) {
                return List.of();
            }
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            out.add(t.getExtension());
            all.stream().filter(e -> !e.equals(t.getExtension())).forEach(out::add);
            return out;
        } catch (MimeTypeException e) {
            return List.of();
        }
    }
}
