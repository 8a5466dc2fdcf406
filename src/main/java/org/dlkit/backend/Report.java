package org.dlkit.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A report as an ordered tree (maps of strings, numbers, booleans, lists and maps), printed as indented text or as
 * JSON: one structure, two renderings, so {@code env} and {@code env --json} always agree.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    /** A new ordered section. */
    static Map<String, Object> section() {
        return new LinkedHashMap<>();
    }

    static String json(Map<String, Object> report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
    }

    /** {@code key: value} lines; a nested section indents by two; list items start with {@code - }. */
    static String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        appendSection(out, report, "");
        return out.toString();
    }

    private static void appendSection(StringBuilder out, Map<?, ?> section, String indent) {
        for (Map.Entry<?, ?> entry : section.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                out.append(indent).append(entry.getKey()).append(":\n");
                appendSection(out, nested, indent + "  ");
            } else if (value instanceof List<?> items) {
                out.append(indent).append(entry.getKey()).append(":").append(items.isEmpty() ? " none\n" : "\n");
                for (Object item : items) {
                    out.append(indent).append("  - ").append(inline(item)).append('\n');
                }
            } else {
                out.append(indent).append(entry.getKey()).append(": ").append(value).append('\n');
            }
        }
    }

    /** A list item on one line: a map as {@code value, key value, ...}. */
    private static String inline(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            return String.valueOf(item);
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(entry.getKey()).append(' ').append(entry.getValue());
        }
        return line.toString();
    }
}
