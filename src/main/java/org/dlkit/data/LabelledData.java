package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A table's rows with a class label each, parsed once from a CSV and kept in memory as read: the feature columns stay
 * raw (numbers, text, missing cells) until a {@link FeatureTransform} learnt from the training rows encodes them, so
 * nothing about the test rows leaks into the encoding. Rows with a missing label are left out and counted.
 *
 * <p>Classes are the distinct label values, sorted (numerically when every label is a number), and their names are
 * kept so that reports and predictions speak the data's own words.
 */
public final class LabelledData {

    private final RawTable table;
    private final String labelName;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final int[] tableRows;
    private final int[] labels;
    private final TableOptions options;
    private final int unlabelledRows;

    private LabelledData(RawTable table, String labelName, List<String> featureNames, List<String> classNames,
                         int[] tableRows, int[] labels, TableOptions options, int unlabelledRows) {
        this.table = table;
        this.labelName = labelName;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        this.tableRows = tableRows;
        this.labels = labels;
        this.options = options;
        this.unlabelledRows = unlabelledRows;
    }

    /** Reads a CSV with a header; {@code labelColumn} is a column name or 0-based index, {@code null} for the last. */
    public static LabelledData fromCsv(Path file, String labelColumn) {
        return fromCsv(file, labelColumn, TableOptions.DEFAULT);
    }

    /** Reads a CSV with a header, with {@code options} for the column kinds and missing values. */
    public static LabelledData fromCsv(Path file, String labelColumn, TableOptions options) {
        return fromCsv(file, labelColumn, null, options);
    }

    /**
     * Reads a CSV whose labels must be among {@code knownClasses} (a trained model's classes, in its order); with
     * {@code null} the classes are inferred from the file.
     */
    public static LabelledData fromCsv(Path file, String labelColumn, List<String> knownClasses) {
        return fromCsv(file, labelColumn, knownClasses, TableOptions.DEFAULT);
    }

    /** {@link #fromCsv(Path, String, List)} with {@code options}. */
    public static LabelledData fromCsv(Path file, String labelColumn, List<String> knownClasses, TableOptions options) {
        return fromCsv(file, labelColumn, knownClasses, options, options.categorical());
    }

    /**
     * {@link #fromCsv(Path, String, List, TableOptions)}, the integer cells of the columns {@code codes} (read as
     * categories) kept as written, {@code 02139} and {@code 20240017} as they are ({@link TableBuilder#keepingCodes}):
     * a trained model's {@link TableSchema#codeColumns()}.
     */
    public static LabelledData fromCsv(Path file, String labelColumn, List<String> knownClasses, TableOptions options,
                                       Collection<String> codes) {
        RawTable table = RawTable.readCsv(file, options.missingValues(), options.format(), null, codes);
        int labelIndex = table.columnIndex(labelColumn, knownClasses == null ? null
                : ", the label column: evaluating needs each row's true class (predict takes rows without it)");
        if (table.names().size() < 2) {
            String only = table.names().get(0);
            String hint = "";
            for (char d : CsvFormat.DELIMITERS) {
                if (only.indexOf(d) >= 0 && d != table.format().delimiter()) {
                    hint = String.format(Locale.ROOT,
                            " (read with delimiter %s, but the header contains %s: pass --delimiter %s)",
                            CsvFormat.name(table.format().delimiter()), CsvFormat.name(d), CsvFormat.name(d));
                    break;
                }
            }
            throw new DlkitException(file + ": only one column" + hint + "; expected feature columns and a label column");
        }
        return of(table, labelIndex, knownClasses, options);
    }

    /**
     * Rows of numbers and their classes, as Keras' {@code fit(x, y)} takes them: features {@code x0, x1, ...}, label
     * {@code label}. A NaN is a gap, filled as an empty CSV cell is (the training rows' median); an infinity, a
     * ragged row or a label count that differs from the row count is refused in one line naming
     * {@code features[r][c]}. A null label leaves its row out, as an empty label cell does.
     */
    public static LabelledData fromArrays(double[][] features, String[] labels) {
        return fromArrays(null, features, "label", labels, TableOptions.DEFAULT);
    }

    /**
     * {@link #fromArrays(double[][], String[])} with class indices 0, 1, ... (classes named "0", "1", ...): classes
     * by declaration, so many distinct indices are never taken for a continuous label as a CSV's numbers may be.
     */
    public static LabelledData fromArrays(double[][] features, int[] labels) {
        RawTable table = ArrayRows.table(null, features, "label", ArrayRows.classIndices(labels),
                TableOptions.DEFAULT.missingValues());
        return of(table, table.names().size() - 1, null, TableOptions.DEFAULT, false);
    }

    /**
     * {@link #fromArrays(double[][], String[])} with the features' and the label's names (as {@code predict(Map)}
     * and the reports will use them; null names: {@code x0, x1, ...}) and {@code options} (e.g.
     * {@code TableOptions.DEFAULT.withMissing(MissingPolicy.ERROR)}, {@code withCategorical(...)} for integer codes).
     */
    public static LabelledData fromArrays(List<String> featureNames, double[][] features, String labelName,
                                          String[] labels, TableOptions options) {
        if (options == null) {
            throw new DlkitException("options: expected table options such as TableOptions.DEFAULT, got null");
        }
        RawTable table = ArrayRows.table(featureNames, features, labelName, labels, options.missingValues());
        return of(table, table.names().size() - 1, null, options);
    }

    static LabelledData of(RawTable table, int labelIndex, List<String> knownClasses, TableOptions options) {
        return of(table, labelIndex, knownClasses, options, knownClasses == null);
    }

    /**
     * {@code continuousCheck}: refuse a label of numbers that looks like a measured quantity
     * ({@link ContinuousLabel}).
     */
    private static LabelledData of(RawTable table, int labelIndex, List<String> knownClasses, TableOptions options,
                                   boolean continuousCheck) {
        Path file = table.source();
        String labelName = table.names().get(labelIndex);
        List<String> featureNames = new ArrayList<>(table.names());
        featureNames.remove(labelIndex);
        checkNamed(file, "categorical", options.categorical(), featureNames, labelName);
        checkNamed(file, "numeric", options.numeric(), featureNames, labelName);
        checkNamed(file, "ignore", options.ignore(), featureNames, labelName);
        if (knownClasses != null) {
            BooleanSpellings.asTrained(knownClasses, table.column(labelIndex)); // TRUE for a model's True
        }
        List<String> distinct = new ArrayList<>();
        int[] codes = table.column(labelIndex).codes(distinct);
        int kept = 0;
        for (int code : codes) {
            kept += code >= 0 ? 1 : 0;
        }
        int unlabelled = table.numRows() - kept;
        if (kept == 0) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s, column '%s': every label is missing", file, labelName));
        }
        if (continuousCheck) {
            ContinuousLabel.check(table, labelIndex, distinct, kept);
        }
        List<String> classNames = knownClasses != null ? knownClasses : sortedClasses(distinct);
        if (knownClasses == null && classNames.size() == 1 && unlabelled > 0) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s, column '%s': one class ('%s') left after leaving out %d row%s "
                    + "with a missing label; a classifier needs at least two", file, labelName, classNames.get(0),
                    unlabelled, unlabelled == 1 ? "" : "s"));
        }
        int[] classOf = new int[distinct.size()];
        for (int d = 0; d < classOf.length; d++) {
            classOf[d] = classNames.indexOf(distinct.get(d));
        }
        int[] rows = new int[kept];
        int[] labels = new int[kept];
        for (int r = 0, i = 0; r < codes.length; r++) {
            if (codes[r] < 0) {
                continue;
            }
            labels[i] = classOf[codes[r]];
            if (labels[i] < 0) {
                throw unknownClass(table, r, labelName, distinct.get(codes[r]), classNames);
            }
            rows[i++] = r;
        }
        return new LabelledData(table, labelName, featureNames, classNames, rows, labels, options, unlabelled);
    }

    private static DlkitException unknownClass(RawTable table, int r, String labelName, String unknown,
                                               List<String> known) {
        return new DlkitException(String.format(Locale.ROOT,
                "%s, line %d, column '%s': unknown class '%s'%s; the model knows %s",
                table.source(), table.line(r), labelName, unknown, ValueHints.otherSpelling(unknown, known), known));
    }

    /**
     * These rows with {@code classes} (a trained model's, in its order) as their classes: a file read without them
     * has its own, sorted, which may be fewer (a test file without a rare class) or in another order; a class not
     * among {@code classes} is a one-line error naming its first line.
     */
    public LabelledData withClasses(List<String> classes) {
        if (classes.equals(classNames)) {
            return this;
        }
        int[] to = classNames.stream().mapToInt(classes::indexOf).toArray();
        int[] relabelled = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            relabelled[i] = to[labels[i]];
            if (relabelled[i] < 0) {
                throw unknownClass(table, tableRows[i], labelName, classNames.get(labels[i]), classes);
            }
        }
        return new LabelledData(table, labelName, featureNames, classes, tableRows, relabelled, options,
                unlabelledRows);
    }

    /**
     * These rows without the feature columns {@code leftOut} ({@link RawTable#without}): columns of a file to
     * evaluate on that the model was not trained on ({@code evaluate --ignore}). A name that is no feature column
     * (the label column included) is refused in one line.
     */
    public LabelledData without(Collection<String> leftOut) {
        if (leftOut.isEmpty()) {
            return this;
        }
        checkNamed(table.source(), "ignore", leftOut, featureNames, labelName);
        return new LabelledData(table.without(leftOut), labelName,
                featureNames.stream().filter(n -> !leftOut.contains(n)).toList(), classNames, tableRows, labels,
                options, unlabelledRows);
    }

    /** Throws when option {@code --option} names a column that is not a feature column. */
    private static void checkNamed(Path file, String option, Collection<String> named, List<String> featureNames,
                                   String labelName) {
        for (String name : named) {
            if (!featureNames.contains(name)) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s: --%s names '%s', which is %s%s; the feature columns are: "
                        + "%s", file, option, name, name.equals(labelName) ? "the label column" : "no column",
                        ValueHints.otherCase("column", name, featureNames)
                        + ValueHints.commaSplit(option, name, featureNames), String.join(", ", featureNames)));
            }
        }
    }

    /** Numeric rows (image pixels): every column numeric, nothing missing. */
    static LabelledData numeric(Path source, List<String> featureNames, String labelName, List<String> classNames,
                                double[][] features, int[] labels) {
        RawTable table = RawTable.ofNumbers(source, featureNames, features);
        int[] rows = new int[features.length];
        java.util.Arrays.setAll(rows, i -> i);
        return new LabelledData(table, labelName, featureNames, classNames, rows, labels, TableOptions.DEFAULT, 0);
    }

    static List<String> sortedClasses(Collection<String> labels) {
        TreeSet<String> distinct = new TreeSet<>(labels);
        return TableSchema.sortedCategories(distinct);
    }

    /** The rows at {@code indices}, in that order (the table is shared, not copied). */
    public LabelledData rows(int[] indices) {
        int[] t = new int[indices.length];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            t[i] = tableRows[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new LabelledData(table, labelName, featureNames, classNames, t, l, options, unlabelledRows);
    }

    /** Number of rows of each class, indexed like {@link #classNames()}. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    RawTable table() {
        return table;
    }

    /** The table row of row {@code i}. */
    int tableRow(int i) {
        return tableRows[i];
    }

    int[] tableRows() {
        return tableRows.clone();
    }

    public TableOptions options() {
        return options;
    }

    public Path source() {
        return table.source();
    }

    /** How the file was read (delimiter, decimal mark), for the stage-1 line: {@link CsvFormat#describe()}. */
    public CsvFormat format() {
        return table.format();
    }

    /** The raw feature columns: every column but the label, as in the file. */
    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numExamples() {
        return labels.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Rows of the file left out because their label is missing. */
    public int unlabelledRows() {
        return unlabelledRows;
    }

    /** The class index of each row. */
    public int[] labels() {
        return labels.clone();
    }

    /** The 1-based line of row {@code i} in its file; for rows from {@link #fromArrays}, its index in the arrays. */
    public long line(int i) {
        return table.line(tableRows[i]);
    }
}
