package org.dlkit.data;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feature columns that give the label away: on the training rows every value of the column goes with one class only,
 * so the column alone predicts the label (a copy of the label under another name, an outcome recorded after it, a
 * code derived from it). A model then scores perfectly and learns nothing it can use where that column is not known
 * yet. Only columns with at least {@value #ROWS_PER_VALUE} rows per value on average, {@value #ROWS_EACH} rows of each
 * value and {@value #ROWS_JUDGED} rows in all are judged, whose values go with at least two classes: a value seen once
 * or twice, or a column of a handful of rows, holds one class by chance, and is not taken for a leak.
 */
final class LabelLeaks {

    /** The least mean number of training rows per distinct value for a column to be judged. */
    static final int ROWS_PER_VALUE = 5;

    /** The least number of training rows of every value of a column judged. */
    static final int ROWS_EACH = 3;

    /** The least number of training rows (with a value) for a column to be judged. */
    static final int ROWS_JUDGED = 20;

    private LabelLeaks() {
    }

    /** Warns once per column of {@code schema} (numbers or categories) that alone predicts {@code train}'s label. */
    static void warn(LabelledData train, TableSchema schema, Consumer<String> warnings) {
        int[] rows = train.tableRows();
        int[] labels = train.labels();
        for (ColumnSchema c : schema.columns()) {
            if (c.kind() != ColumnKind.NUMERIC && c.kind() != ColumnKind.CATEGORICAL) {
                continue;
            }
            RawColumn column = train.table().column(c.name());
            int values = determines(column, c.kind() == ColumnKind.NUMERIC, rows, labels);
            if (values >= 2) {
                warnings.accept(String.format(Locale.ROOT, "column '%s' alone gives the label '%s' away on the "
                        + "training rows (each of its %d values goes with one class): if it is recorded after or from "
                        + "the label, it is a label leak and the model will not work where it is unknown; leave it out "
                        + "(--ignore %s; in Java TableOptions.withIgnore)", c.name(), train.labelName(), values,
                        ValueHints.listArgument(c.name())));
            }
        }
    }

    /**
     * The number of distinct values of {@code column} when each goes with one class of {@code labels}, the values
     * together go with two classes or more, and the rows are enough ({@link LabelLeaks}); 0 otherwise. Missing cells,
     * and a numeric column's cells that are not numbers, are not counted. A numeric column's values are compared as
     * floats (a {@link Float} key, no text made per cell); the count stops once there are more values than
     * {@code rows.length / ROWS_PER_VALUE}, which can no longer pass (a column of measurements, nearly all distinct,
     * is not walked to its end).
     */
    private static int determines(RawColumn column, boolean numeric, int[] rows, int[] labels) {
        int mostValues = rows.length / ROWS_PER_VALUE;
        Map<Object, int[]> classAndRows = new HashMap<>();
        int present = 0;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (column.isMissing(r) || numeric && column.isNotANumber(r)) {
                continue;   // as the transform takes them: gaps, filled with the median
            }
            Object value = numeric ? (Object) column.value(r) : column.text(r);
            present++;
            int[] seen = classAndRows.computeIfAbsent(value, v -> new int[2]);
            if (seen[1] == 0) {
                seen[0] = labels[i];
            } else if (seen[0] != labels[i]) {
                return 0;
            }
            seen[1]++;
            if (classAndRows.size() > mostValues) {
                return 0;
            }
        }
        boolean enough = present >= ROWS_JUDGED && classAndRows.size() * ROWS_PER_VALUE <= present
                && classAndRows.values().stream().allMatch(seen -> seen[1] >= ROWS_EACH)
                && classAndRows.values().stream().map(seen -> seen[0]).distinct().count() >= 2;
        return enough ? classAndRows.size() : 0;
    }
}
