package dev.helpdesk.app.web.openapi;

import dev.helpdesk.app.directory.OrganizationResource;
import dev.helpdesk.app.directory.UserResource;
import dev.helpdesk.app.ticket.TicketService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** Component schemas the generator cannot infer: problem details, merge patches, free-form JSON, closed request bodies. */
final class Schemas {
    static final String PROBLEM = "#/components/schemas/Problem";
    /** Merge-patch bodies, whose {@code JsonNullable} fields the generator describes as wrapper objects. */
    private static final Map<String, Class<? extends Record>> MERGE_PATCHES = Map.of(
            "TicketPatch", TicketService.TicketPatch.class,
            "UserPatch", UserResource.UserPatch.class,
            "OrganizationPatch", OrganizationResource.OrganizationPatch.class);

    private Schemas() {}

    static void addProblem(Components components) {
        components.addSchema("FieldError", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid field or parameter and what is wrong with it")
                .addProperty("field", string().description("JSON path of the field (`tags[1]`, `targets.high.resolution.minutes`), "
                        + "a query parameter, a header, or `body`"))
                .addProperty("message", string())
                .required(List.of("field", "message")));
        components.addSchema("Problem", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable and listed in docs/api.md")
                .addProperty("type", string().format("uri").example("https://helpdesk.dev/problems/validation-error"))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string())
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status", "detail")));
    }

    /** Audit changes and other free-form JSON: an object of field → {from, to}. */
    static void freeFormJson(Components components) {
        if (components.getSchemas() == null || !components.getSchemas().containsKey("JsonNode")) {
            return;
        }
        components.removeSchema("JsonNodeType");
        components.addSchema("JsonNode", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("Changed fields: each maps to {\"from\": old value, \"to\": new value}")
                .additionalPropertiesSchema(OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .addProperty("from", OASFactory.createSchema()).addProperty("to", OASFactory.createSchema())));
    }

    /** Describes each merge-patch record by its real fields: the value's type and rules, and null only where it clears. */
    static void completeMergePatches(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        MERGE_PATCHES.forEach((name, type) -> {
            if (!components.getSchemas().containsKey(name)) {
                return;
            }
            Schema patch = OASFactory.createSchema().addType(SchemaType.OBJECT).description("A JSON merge patch (RFC 7396): "
                    + "an absent field stays as it is; null clears a field where the field allows it")
                    .example(components.getSchemas().get(name).getExample());
            for (RecordComponent c : type.getRecordComponents()) {
                AnnotatedType value = ((AnnotatedParameterizedType) c.getAnnotatedType()).getAnnotatedActualTypeArguments()[0];
                Schema field = describe(value);
                // @NotNull on a JsonNullable means "may be absent, but not null" (it lands on the field and the type use)
                if (!c.getAnnotatedType().isAnnotationPresent(NotNull.class) && !field(type, c).isAnnotationPresent(NotNull.class)) {
                    field = nullable(field);
                }
                patch.addProperty(c.getName(), field);
            }
            components.addSchema(name, patch);
        });
        components.getSchemas().keySet().stream().filter(n -> n.startsWith("JsonNullable")).toList()
                .forEach(components::removeSchema);
    }

    private static java.lang.reflect.Field field(Class<?> type, RecordComponent c) {
        try {
            return type.getDeclaredField(c.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema describe(AnnotatedType annotated) {
        Type type = annotated.getType();
        Class<?> raw = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        Schema s;
        if (raw == String.class) {
            s = string();
        } else if (raw == Long.class) {
            s = OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64");
        } else if (raw == Boolean.class) {
            s = OASFactory.createSchema().addType(SchemaType.BOOLEAN);
        } else if (raw.isEnum()) {
            s = OASFactory.createSchema().ref("#/components/schemas/" + raw.getSimpleName());
        } else if (List.class.isAssignableFrom(raw)) {
            s = OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .items(describe(((AnnotatedParameterizedType) annotated).getAnnotatedActualTypeArguments()[0]));
        } else {
            throw new IllegalStateException("no schema rule for merge-patch values of type " + raw);
        }
        boolean array = List.class.isAssignableFrom(raw);
        for (Annotation a : annotated.getAnnotations()) {
            if (a instanceof Size size) {
                if (array) {
                    s.maxItems(size.max()).minItems(size.min() > 0 ? size.min() : null);
                } else {
                    s.maxLength(size.max()).minLength(size.min() > 0 ? size.min() : null);
                }
            } else if (a instanceof Pattern pattern) {
                s.pattern(pattern.regexp());
            } else if (a instanceof Positive) {
                s.minimum(BigDecimal.ONE);
            } else if (a instanceof Min min) {
                s.minimum(BigDecimal.valueOf(min.value()));
            } else if (a instanceof Max max) {
                s.maximum(BigDecimal.valueOf(max.value()));
            }
        }
        return s;
    }

    private static Schema nullable(Schema s) {
        if (s.getRef() != null) {
            return OASFactory.createSchema().anyOf(List.of(s, OASFactory.createSchema().addType(SchemaType.NULL)));
        }
        return s.addType(SchemaType.NULL);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    /** Request bodies refuse unknown fields (strict JSON), and so say their schemas, nested ones too. */
    static void closeRequestSchemas(Components components, Set<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            close(components, name, seen);
        }
    }

    private static void close(Components components, String name, Set<String> seen) {
        if (!seen.add(name) || components.getSchemas() == null) {
            return;
        }
        Schema schema = components.getSchemas().get(name);
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
        Map<String, Schema> nested = new LinkedHashMap<>(schema.getProperties());
        for (Schema property : nested.values()) {
            for (Schema s : List.of(property, property.getItems() == null ? property : property.getItems())) {
                if (s.getRef() != null) {
                    close(components, s.getRef().substring(s.getRef().lastIndexOf('/') + 1), seen);
                }
                if (s.getAllOf() != null) {
                    s.getAllOf().stream().filter(x -> x.getRef() != null)
                            .forEach(x -> close(components, x.getRef().substring(x.getRef().lastIndexOf('/') + 1), seen));
                }
            }
        }
    }
}
