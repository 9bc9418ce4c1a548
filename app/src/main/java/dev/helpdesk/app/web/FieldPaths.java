package dev.helpdesk.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a Bean Validation property path into the field name a client sent: {@code tags[2]}, not {@code create.body.tags[2]}. */
final class FieldPaths {
    private FieldPaths() {}

    static String of(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        int from = 0;
        if (!nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD) {
            from = 1;
        }
        // a body parameter is the root of its fields; a query or path parameter is the field itself
        if (nodes.size() > from + 1 && nodes.get(from).getKind() == ElementKind.PARAMETER) {
            from++;
        }
        StringBuilder out = new StringBuilder();
        for (Path.Node node : nodes.subList(from, nodes.size())) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                appendIndex(out, node);
                continue;
            }
            if (node.isInIterable()) {
                appendIndex(out, node);
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static void appendIndex(StringBuilder out, Path.Node node) {
        if (node.getIndex() != null) {
            out.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            out.append('.').append(node.getKey());
        }
    }
}
