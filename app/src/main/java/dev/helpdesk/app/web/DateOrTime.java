package dev.helpdesk.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A range bound given as an ISO-8601 instant ({@code 2026-11-22T10:00:00Z}) or a date
 * ({@code 2026-11-22}, UTC): as a lower bound a date means its start, as an upper bound the end
 * of that day, so {@code createdTo=2026-11-22} includes the whole day.
 */
@Schema(type = SchemaType.STRING, description = "An ISO-8601 date (2026-11-22) or instant (2026-11-22T10:00:00Z), "
        + "between 1970-01-01 and 9999-12-31", pattern = "^\\d{4}-\\d{2}-\\d{2}(T.+)?$", example = "2026-11-22")
public record DateOrTime(Instant instant, LocalDate date) {

    /** Parses {@code raw}; the IllegalArgumentException's message is what the client reads. */
    public static DateOrTime parse(String raw) {
        DateOrTime value;
        try {
            value = new DateOrTime(Instant.parse(raw), null);
        } catch (DateTimeParseException e) {
            try {
                value = new DateOrTime(null, LocalDate.parse(raw));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("must be an ISO-8601 date or time like 2026-11-22 or 2026-11-22T10:00:00Z (got '"
                        + raw + "')");
            }
        }
        if (value.instant != null ? !SaneDate.Range.contains(value.instant) : !SaneDate.Range.contains(value.date)) {
            throw new IllegalArgumentException(SaneDate.RANGE + " (got '" + raw + "')");
        }
        return value;
    }

    public Instant lowerBound() {
        return instant != null ? instant : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive upper bound; the end of 9999-12-31 at most, so it stays a four-digit-year date-time. */
    public Instant upperBound() {
        if (instant != null) {
            return instant;
        }
        return date.equals(SaneDate.MAX) ? SaneDate.MAX.atTime(23, 59, 59, 999_999_000).toInstant(ZoneOffset.UTC)
                : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
