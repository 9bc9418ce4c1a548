package dev.helpdesk.app.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A date or instant within 1970-01-01 .. 9999-12-31 (UTC): what a helpdesk can mean, and what
 * every layer (JSON, JDBC, PostgreSQL, clients) represents faithfully.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {SaneDate.ForDate.class, SaneDate.ForInstant.class})
public @interface SaneDate {
    LocalDate MIN = LocalDate.of(1970, 1, 1);
    LocalDate MAX = LocalDate.of(9999, 12, 31);
    String RANGE = "must be between 1970-01-01 and 9999-12-31";

    String message() default RANGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Range {
        private Range() {}

        public static boolean contains(LocalDate d) {
            return !d.isBefore(MIN) && !d.isAfter(MAX);
        }

        public static boolean contains(Instant t) {
            return !t.isBefore(MIN.atStartOfDay(ZoneOffset.UTC).toInstant())
                    && t.isBefore(MAX.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    class ForDate implements ConstraintValidator<SaneDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || Range.contains(value);
        }
    }

    class ForInstant implements ConstraintValidator<SaneDate, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || Range.contains(value);
        }
    }
}
