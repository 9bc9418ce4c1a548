package dev.helpdesk.app.ui;

import io.quarkus.qute.TemplateExtension;

/** File sizes on the pages as people read them: 512 bytes, 12.4 KB, 3.1 MB. */
@TemplateExtension
final class SizeFormat {
    private SizeFormat() {}

    static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(java.util.Locale.ROOT, "%.1f KB", kb) : String.format(java.util.Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
