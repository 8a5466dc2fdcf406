package org.dlkit.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Java's {@link Boolean}s in rows given to a trained model, and booleans in a CSV of such rows, written as the training
 * rows wrote them: the category of their column equal to {@code true} or {@code false} but for case ({@code True}, as
 * pandas writes it; {@code TRUE}, as Excel saves it again), so that they are not taken for categories never seen, as
 * pandas' {@code read_csv} reads all three as one boolean. {@link FeatureTransform#booleansAsTrained} (Java rows) and
 * the transform's encoding of a table's columns (CSV rows) are its entry points.
 */
final class BooleanSpellings {

    private BooleanSpellings() { }

    /** Spells {@code column}'s booleans ({@code TRUE}, {@code false}) as {@code c}, its training column, did. */
    static void asTrained(ColumnSchema c, RawColumn column) {
        if (c.kind() == ColumnKind.CATEGORICAL && column != null) {
            asTrained(c.categories(), column);
        }
    }

    /** Spells the booleans of {@code column} (a label, a categorical column) as {@code trained}, its values, did. */
    static void asTrained(List<String> trained, RawColumn column) {
        if (!column.isText()) {
            return;
        }
        Map<String, String> to = new HashMap<>();
        for (String t : column.texts()) {
            if ((t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) && !trained.contains(t)) {
                ValueHints.sameButCase(t, trained).ifPresent(spelt -> to.put(t, spelt));
            }
        }
        if (!to.isEmpty()) {
            column.respell(to);
        }
    }

    /** {@code rows}, named by {@code columns}, with their Booleans spelt as in {@code schema}; {@code rows} if none. */
    static List<? extends List<?>> asTrained(TableSchema schema, List<String> columns, List<? extends List<?>> rows) {
        List<Map<String, String>> spelling = new ArrayList<>();
        boolean any = false;
        for (String name : columns) {
            ColumnSchema c = schema.column(name);
            Map<String, String> bySpelling = new HashMap<>();
            for (String b : List.of("true", "false")) {
                if (c != null && c.kind() == ColumnKind.CATEGORICAL && !c.categories().contains(b)) {
                    ValueHints.sameButCase(b, c.categories()).ifPresent(t -> bySpelling.put(b, t));
                }
            }
            any |= !bySpelling.isEmpty();
            spelling.add(bySpelling);
        }
        if (!any) {
            return rows;
        }
        return rows.stream().map(row -> IntStream.range(0, row.size()).mapToObj(k -> row.get(k) instanceof Boolean b
                && k < spelling.size() ? spelling.get(k).getOrDefault(b.toString(), b.toString()) : row.get(k))
                .toList()).toList();
    }
}
