package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a label column that holds a measured quantity (a price, a temperature) rather than classes: dlkit trains
 * classifiers, and such a label would otherwise fail later and obscurely (a class of one row cannot be split). A label
 * of numbers only is continuous when it has
 * <ul>
 *   <li>more than {@link #FRACTIONAL_CLASSES} distinct values, some not whole numbers (prices, measurements), or</li>
 *   <li>more distinct values than max({@link #MANY_CLASSES}, half its rows) (whole numbers that are hardly ever
 *       repeated, such as counts or amounts).</li>
 * </ul>
 * Integer class codes ({@code 0..9}, even 100 classes in a large table) and a few fractional levels ({@code 0.5} steps
 * of a rating) remain classes.
 */
final class ContinuousLabel {

    /** More distinct values than this, some fractional, make a numeric label continuous. */
    static final int FRACTIONAL_CLASSES = 20;
    /** More distinct whole numbers than this (and than half the rows) make a numeric label continuous. */
    static final int MANY_CLASSES = 50;

    private ContinuousLabel() {
    }

    /**
     * Throws when the label column {@code labelIndex}, with distinct values {@code distinct} in {@code rows} labelled
     * rows, looks continuous.
     */
    static void check(RawTable table, int labelIndex, List<String> distinct, int rows) {
        RawColumn label = table.column(labelIndex);
        if (label.isText()) {
            return;
        }
        // canonical spellings (RawColumn.canonical): a point in each that is not a whole number below 1e15
        boolean fractional = distinct.stream().anyMatch(t -> t.contains("."));
        int n = distinct.size();
        if (fractional && n > FRACTIONAL_CLASSES || n > Math.max(MANY_CLASSES, rows / 2)) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: label '%s' has %d distinct numeric values in %d rows: it looks "
                    + "continuous, and dlkit trains classifiers; %s, or bin the values into classes", table.source(),
                    label.name(), n, rows, table.givenRows() ? "give class indices (an int[])"
                            : "pick a class column with --label"));
        }
    }
}
