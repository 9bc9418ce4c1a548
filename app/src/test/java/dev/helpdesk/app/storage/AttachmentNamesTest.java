package dev.helpdesk.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachmentNamesTest {

    @Test
    void theExtensionAlwaysFitsTheSniffedType() {
        assertThat(AttachmentNames.display("page.html", "text/plain")).isEqualTo("page.html.txt");
        assertThat(AttachmentNames.display("notes", "text/plain")).isEqualTo("notes.txt");
        assertThat(AttachmentNames.display("notes.TXT", "text/plain")).isEqualTo("notes.TXT");
        assertThat(AttachmentNames.display("photo.jpeg", "image/jpeg")).isEqualTo("photo.jpeg");
        assertThat(AttachmentNames.display("photo.jpg", "image/jpeg")).isEqualTo("photo.jpg");
        assertThat(AttachmentNames.display("invoice.exe", "application/pdf")).isEqualTo("invoice.exe.pdf");
        assertThat(AttachmentNames.display("screen.png", "image/png")).isEqualTo("screen.png");
    }

    @Test
    void dotsPathsAndInvisibleCharactersAreRemoved() {
        assertThat(AttachmentNames.display(".", "text/plain")).isEqualTo("attachment.txt");
        assertThat(AttachmentNames.display("..", "text/plain")).isEqualTo("attachment.txt");
        assertThat(AttachmentNames.display("../../etc/passwd", "text/plain")).isEqualTo("passwd.txt");
        assertThat(AttachmentNames.display("C:\\Users\\me\\report.pdf", "application/pdf")).isEqualTo("report.pdf");
        assertThat(AttachmentNames.display(".hidden.txt", "text/plain")).isEqualTo("hidden.txt");
        // "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf" in a right-to-left aware viewer
        assertThat(AttachmentNames.display("invoice\u202Efdp.exe", "application/pdf")).isEqualTo("invoicefdp.exe.pdf");
        assertThat(AttachmentNames.display("a\u200Bb\u2066c\u0007.txt", "text/plain")).isEqualTo("abc.txt");
        assertThat(AttachmentNames.display("what?<is>\"this\"|*.txt", "text/plain")).isEqualTo("what__is__this___.txt");
        assertThat(AttachmentNames.display(null, "image/png")).isEqualTo("attachment.png");
        assertThat(AttachmentNames.display("  trailing dots... ", "text/plain")).isEqualTo("trailing dots.txt");
    }

    @Test
    void longNamesKeepTheirExtension() {
        String name = AttachmentNames.display("x".repeat(400) + ".pdf", "application/pdf");
        assertThat(name).hasSize(255).endsWith(".pdf");
    }
}
