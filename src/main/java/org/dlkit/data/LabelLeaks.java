package org.dlkit.data;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feature columns that give the label away: on the training rows every value of the column goes with one class only,
 * so the column alone predicts the label (a copy of the label under another name, an outcome recorded after it, a
 * code derived from it). A model then scores perfectly and learns nothing it can use where that column is not known
 * yet. Only columns with at least {@value #ROWS_PER_VALUE} rows per value on average are judged, so that a column of
 * many rare values (which are trivially "pure") is not taken for a leak.
 */
final class LabelLeaks {

    /** The least mean number of training rows per distinct value for a column to be judged. */
    static final int ROWS_PER_VALUE = 5;

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
                        ValueHints.argument(c.name())));
            }
        }
    }

    /**
     * The number of distinct values of {@code column} when each goes with one class of {@code labels} and there are at
     * least {@value #ROWS_PER_VALUE} rows per value; 0 otherwise. Missing cells, and a numeric column's cells that are
     * not numbers, are not counted. A numeric column's values are compared as floats (a {@link Float} key, no text
     * made per cell); the count stops once there are more values than {@code rows.length / ROWS_PER_VALUE}, which
     * can no longer pass (a column of measurements, nearly all distinct, is not walked to its end).
     */
    private static int determines(RawColumn column, boolean numeric, int[] rows, int[] labels) {
        int mostValues = rows.length / ROWS_PER_VALUE;
        Map<Object, Integer> classOf = new HashMap<>();
        int present = 0;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (column.isMissing(r) || numeric && column.isNotANumber(r)) {
                continue;   // as the transform takes them: gaps, filled with the median
            }
            Object value = numeric ? (Object) column.value(r) : column.text(r);
            present++;
            Integer before = classOf.putIfAbsent(value, labels[i]);
            if (before != null && before != labels[i] || classOf.size() > mostValues) {
                return 0;
            }
        }
        return classOf.size() * ROWS_PER_VALUE <= present ? classOf.size() : 0;
    }
}
