package dev.helpdesk.app.web;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts query, path and header values to their declared types, and answers a value that does
 * not convert with a problem naming the parameter (JAX-RS would answer a bare 404). A path value
 * that does not convert names no resource: 404. Every text value passes {@link TextRules}.
 */
@Provider
public class TypedParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Param param = Param.of(annotations);
        if (param == null) {
            return null;
        }
        Function<String, ?> parse;
        if (rawType == String.class) {
            parse = s -> s;
        } else if (rawType == Long.class || rawType == long.class) {
            parse = TypedParams::wholeNumber;
        } else if (rawType == DateOrTime.class) {
            parse = DateOrTime::parse;
        } else if (rawType.isEnum()) {
            parse = s -> constant((Class<? extends Enum>) rawType, s);
        } else {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || (rawType != String.class && value.isBlank())) {
                    return null; // an empty non-text parameter means "not given"
                }
                String problem = TextRules.problem(value);
                try {
                    if (problem != null) {
                        throw new IllegalArgumentException(problem);
                    }
                    return (T) parse.apply(rawType == String.class ? value : value.trim());
                } catch (IllegalArgumentException e) {
                    throw param.path ? ApiException.notFound("'" + value.replace('\u0000', '?') + "'")
                            : ApiException.invalidField(param.name, e.getMessage());
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    private record Param(String name, boolean path) {
        static Param of(Annotation[] annotations) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return new Param(q.value(), false);
                }
                if (a instanceof PathParam p) {
                    return new Param(p.value(), true);
                }
                if (a instanceof HeaderParam h) {
                    return new Param(h.value(), false);
                }
            }
            return null;
        }
    }

    private static Long wholeNumber(String raw) {
        if (!raw.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("must be a whole number (got '" + raw + "')");
        }
        try {
            return Long.valueOf(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is out of range (got " + raw + ")");
        }
    }

    /** Enum constants by their API spelling ({@code toString()}, e.g. {@code on_hold}). */
    private static <E extends Enum<E>> E constant(Class<E> type, String raw) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(raw)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", ")) + " (got '" + raw + "')");
    }
}
