package dev.helpdesk.app.ui;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the pages: to the minute, in UTC (the datetime attribute keeps the exact instant). */
@TemplateExtension
final class TimeFormat {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TimeFormat() {}

    static String shown(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }
}
