package org.dlkit.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What {@link FeatureTransform#encode} and {@link FeatureTransform#dataSets} warn about, once per column of the
 * {@code used} columns: cells of a numeric column that are not numbers (read as missing), categories unseen in
 * training (encoded as all zeros), and a column with no values (filled in).
 */
final class EncodingWarnings {

    private EncodingWarnings() {
    }

    /** {@link #notNumbers}, then {@link #noValues}: what the cells at {@code rows} are warned about. */
    static void cells(List<ColumnSchema> used, RawTable table, RawColumn[] columns, int[] rows,
                      Consumer<String> warnings) {
        notNumbers(used, table, columns, rows, warnings);
        noValues(used, table, columns, rows, warnings);
    }

    /** Warns once per numeric column of {@code table} about its cells at {@code rows} that are not numbers. */
    private static void notNumbers(List<ColumnSchema> used, RawTable table, RawColumn[] columns, int[] rows,
                           Consumer<String> warnings) {
        int[] sortedRows = null; // for the warnings, in file order: sorted once, when a column needs it
        for (int k = 0; k < columns.length; k++) {
            if (used.get(k).kind() == ColumnKind.NUMERIC && columns[k].isText()) {
                if (sortedRows == null) {
                    sortedRows = java.util.Arrays.stream(rows).sorted().toArray();
                }
                NotNumbers typos = NotNumbers.in(columns[k], sortedRows);
                if (typos.count() > 0) {
                    warnings.accept(String.format(Locale.ROOT, "%s, column '%s': %s; read as missing", table.source(),
                            used.get(k).name(), typos.cells(table, columns[k])));
                }
            }
        }
    }

    /**
     * Warns about each used column with no values at {@code rows} (two or more: a file's column, not one row's gap),
     * which every row then gets the training fill value for: a column exported empty is otherwise filled in silently.
     */
    private static void noValues(List<ColumnSchema> used, RawTable table, RawColumn[] columns, int[] rows,
                         Consumer<String> warnings) {
        for (int k = 0; k < columns.length && rows.length > 1; k++) {
            RawColumn column = columns[k];
            if (java.util.Arrays.stream(rows).allMatch(column::isMissing)) {
                ColumnSchema c = used.get(k);
                warnings.accept(String.format(Locale.ROOT, "%s, column '%s': no values (all %d rows missing); each is "
                        + "filled in with the training %s", table.source(), c.name(), rows.length, c.fillInWords()));
            }
        }
    }

    /** Warns once per column about the categories {@code unseen} in training, with their counts. */
    static void unseen(List<ColumnSchema> used, RawTable table, List<Map<String, Integer>> unseen,
                       Consumer<String> warnings) {
        for (int k = 0; k < used.size(); k++) {
            List<String> known = used.get(k).categories();
            if (!unseen.get(k).isEmpty()) {
                warnings.accept(String.format(Locale.ROOT,
                        "%s, column '%s': %s not seen in training; encoded as all zeros",
                        table.source(), used.get(k).name(), unseen.get(k).entrySet().stream().limit(5)
                                .map(e -> "'" + e.getKey() + "' (" + e.getValue() + (e.getValue() == 1 ? " row"
                                        : " rows") + trainingSpelling(e.getKey(), known) + ")")
                                .collect(Collectors.joining(", ")) + (unseen.get(k).size() > 5 ? ", ..." : "")));
            }
        }
    }

    /** {@code ", training has 'TRUE'"} when one of {@code categories} differs from {@code value} only in case. */
    private static String trainingSpelling(String value, List<String> categories) {
        return ValueHints.sameButCase(value, categories)
                .map(c -> ", training has '" + c + "'").orElse("");
    }
}
