package dev.helpdesk.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Every JSON string a request carries, values and object keys alike, passes {@link TextRules}
 * here, in one place, before it can reach a record, the database or a log line.
 */
public final class SafeTextModule extends SimpleModule {

    /** A string that breaks {@link TextRules}; Jackson adds the JSON path on its way out. */
    public static final class UnsafeTextException extends JsonMappingException {
        private final String reason;

        UnsafeTextException(JsonParser p, String reason) {
            super(p, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public SafeTextModule() {
        super("safe-text");
        addDeserializer(String.class, new SafeStrings());
        addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                return checked(ctxt.getParser(), key);
            }
        });
    }

    private static String checked(JsonParser p, String text) throws UnsafeTextException {
        String problem = text == null ? null : TextRules.problem(text);
        if (problem != null) {
            throw new UnsafeTextException(p, problem);
        }
        return text;
    }

    /** Jackson's own string deserializer (with its coercion rules), then the text rules. */
    private static final class SafeStrings extends StdScalarDeserializer<String> {
        SafeStrings() {
            super(String.class);
        }

        @Override
        public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
            return com.fasterxml.jackson.databind.type.LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, StringDeserializer.instance.deserialize(p, ctxt));
        }
    }
}
