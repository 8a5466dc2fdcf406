package org.dlkit.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Java's {@link Boolean}s in rows given to a trained model, written as the training rows wrote them: the category of
 * their column equal to {@code true} or {@code false} but for case ({@code True}, as pandas writes it), so that they
 * are not taken for categories never seen. {@link FeatureTransform#booleansAsTrained} is its entry point.
 */
final class BooleanSpellings {

    private BooleanSpellings() { }

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
