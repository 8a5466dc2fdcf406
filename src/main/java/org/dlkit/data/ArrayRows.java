package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Rows given in Java as numbers and labels (Keras' {@code fit(x, y)}) as a {@link RawTable}: the features become
 * numeric columns (NaN a gap, as an empty CSV cell), the labels a last column read as a CSV's label cells are (numbers
 * sort numerically, null is a missing label). Row {@code r} is named "row r", the array's own index.
 */
final class ArrayRows {

    /** The table's source in messages: "features, row 7, column 'x2': ...". */
    static final Path SOURCE = Path.of("features");

    private ArrayRows() {
    }

    static RawTable table(List<String> featureNames, double[][] features, String labelName, String[] labels,
                          MissingValues missing) {
        if (features == null) {
            throw new DlkitException("features: expected rows of numbers (double[][]), got null");
        }
        if (labels == null) {
            throw new DlkitException("labels: expected one class per row, got null");
        }
        if (features.length == 0) {
            throw new DlkitException("features: no rows; expected at least one row of numbers");
        }
        if (features.length != labels.length) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "features has %d rows but labels has %d; expected one label per row", features.length,
                    labels.length));
        }
        int width = checkWidths(features);
        List<String> names = new ArrayList<>(featureNames != null ? featureNames : defaultNames(width));
        checkNames(names, width, labelName);
        names.add(labelName);
        TableBuilder b = TableBuilder.of(SOURCE, names, missing,
                new CsvFormat(',', CsvFormat.Decimal.POINT, StandardCharsets.UTF_8), features.length).givenRows();
        for (int r = 0; r < features.length; r++) {
            for (int c = 0; c < width; c++) {
                b.acceptNumber(c, number(features[r][c], r, c, names.get(c)));
            }
            byte[] label = (labels[r] == null ? "" : labels[r].trim()).getBytes(StandardCharsets.UTF_8);
            b.accept(width, label, 0, label.length, r);
            b.endRow(r);
        }
        return b.build();
    }

    /** Class indices as label texts ("0", "1", ...), refusing negative ones. */
    static String[] classIndices(int[] labels) {
        if (labels == null) {
            throw new DlkitException("labels: expected one class per row, got null");
        }
        String[] texts = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "labels[%d] is %d; expected a class index of 0 or more", i, labels[i]));
            }
            texts[i] = Integer.toString(labels[i]);
        }
        return texts;
    }

    /** x0, x1, ...: the array's column indices. */
    static List<String> defaultNames(int width) {
        List<String> names = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            names.add("x" + c);
        }
        return names;
    }

    private static int checkWidths(double[][] features) {
        for (int r = 0; r < features.length; r++) {
            if (features[r] == null) {
                throw new DlkitException(r == 0 ? "features[0] is null; expected a row of numbers"
                        : String.format(Locale.ROOT, "features[%d] is null; expected %d values, as features[0]", r,
                        features[0].length));
            }
            if (r == 0 && features[0].length == 0) {
                throw new DlkitException("features[0]: no values; expected at least one feature per row");
            }
            if (features[r].length != features[0].length) {
                throw new DlkitException(String.format(Locale.ROOT, "features[%d] has %d value%s; expected %d, as "
                        + "features[0]", r, features[r].length, features[r].length == 1 ? "" : "s",
                        features[0].length));
            }
        }
        return features[0].length;
    }

    private static void checkNames(List<String> names, int width, String labelName) {
        if (labelName == null || labelName.isBlank()) {
            throw new DlkitException("labelName: expected the label's name, e.g. \"species\", got "
                    + (labelName == null ? "null" : "'" + labelName + "'"));
        }
        if (names.size() != width) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "featureNames has %d name%s; expected %d, one per value of a row", names.size(),
                    names.size() == 1 ? "" : "s", width));
        }
        HashSet<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new DlkitException("featureNames: a name is " + (name == null ? "null" : "blank")
                        + "; expected a name per column");
            }
            if (name.equals(labelName)) {
                throw new DlkitException("featureNames: '" + name + "' is also the label's name; expected distinct "
                        + "names");
            }
            if (!seen.add(name)) {
                throw new DlkitException("featureNames: '" + name + "' appears twice; expected distinct names");
            }
        }
    }

    /** {@code v} as the table's float; NaN stays a gap, infinities and values beyond a float are refused. */
    private static float number(double v, int r, int c, String name) {
        if (Double.isInfinite(v)) {
            throw new DlkitException(String.format(Locale.ROOT, "features[%d][%d] ('%s') is %s; expected a finite "
                    + "number (NaN for a gap, filled as in training)", r, c, name, v));
        }
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw new DlkitException(String.format(Locale.ROOT, "features[%d][%d] ('%s') is %s, out of the range of "
                    + "a float; expected a finite number below 3.4e38 in magnitude", r, c, name, v));
        }
        return f;
    }
}
