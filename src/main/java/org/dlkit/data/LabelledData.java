package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Numeric features with a class label per row, parsed once from a CSV and kept in memory.
 *
 * <p>Classes are the distinct label values, sorted (numerically when every label is an integer), and their names are
 * kept so that reports and predictions speak the data's own words.
 */
public final class LabelledData {

    private final Path source;
    private final List<String> featureNames;
    private final String labelName;
    private final List<String> classNames;
    private final double[][] features;
    private final int[] labels;

    LabelledData(Path source, List<String> featureNames, String labelName, List<String> classNames,
                 double[][] features, int[] labels) {
        this.source = source;
        this.featureNames = List.copyOf(featureNames);
        this.labelName = labelName;
        this.classNames = List.copyOf(classNames);
        this.features = features;
        this.labels = labels;
    }

    /** Reads a CSV with a header; {@code labelColumn} is a column name or 0-based index, {@code null} for the last. */
    public static LabelledData fromCsv(Path file, String labelColumn) {
        return fromCsv(file, labelColumn, null);
    }

    /**
     * Reads a CSV whose labels must be among {@code knownClasses} (a trained model's classes, in its order); with
     * {@code null} the classes are inferred from the file.
     */
    public static LabelledData fromCsv(Path file, String labelColumn, List<String> knownClasses) {
        CsvTable table = CsvTable.read(file);
        int labelIndex = table.columnIndex(labelColumn);
        if (table.header().size() < 2) {
            String only = table.header().get(0);
            String hint = only.contains(";") ? " (the header contains ';': dlkit reads comma-separated files)"
                    : only.contains("\t") ? " (the header contains tabs: dlkit reads comma-separated files)" : "";
            throw new DlkitException(file + ": only one column" + hint + "; expected feature columns and a label column");
        }
        List<String> featureNames = new ArrayList<>(table.header());
        featureNames.remove(labelIndex);
        String labelName = table.header().get(labelIndex);

        List<String> rawLabels = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String label = row.cells().get(labelIndex);
            if (label.isEmpty()) {
                throw new DlkitException(String.format("%s, line %d, column '%s': empty label", file, row.line(), labelName));
            }
            rawLabels.add(label);
        }
        List<String> classNames = knownClasses != null ? knownClasses : sortedClasses(rawLabels);
        int[] labels = new int[rawLabels.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classNames.indexOf(rawLabels.get(i));
            if (labels[i] < 0) {
                throw new DlkitException(String.format("%s, line %d, column '%s': unknown class '%s'; the model knows %s",
                        file, table.rows().get(i).line(), labelName, rawLabels.get(i), classNames));
            }
        }
        double[][] features = NumericColumns.parse(table, featureColumns(table.header().size(), labelIndex));
        return new LabelledData(file, featureNames, labelName, classNames, features, labels);
    }

    private static int[] featureColumns(int columns, int labelIndex) {
        int[] idx = new int[columns - 1];
        for (int c = 0, k = 0; c < columns; c++) {
            if (c != labelIndex) {
                idx[k++] = c;
            }
        }
        return idx;
    }

    static List<String> sortedClasses(Collection<String> labels) {
        boolean integers = labels.stream().allMatch(s -> s.matches("[-+]?\\d{1,18}"));
        Comparator<String> order = integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labels);
        return new ArrayList<>(distinct);
    }

    /** The rows at {@code indices}, in that order (features are shared, not copied). */
    public LabelledData rows(int[] indices) {
        double[][] f = new double[indices.length][];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            f[i] = features[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new LabelledData(source, featureNames, labelName, classNames, f, l);
    }

    /** Number of rows of each class, indexed like {@link #classNames()}. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Features as a [rows, features] matrix and labels one-hot as [rows, classes], in {@code type}. */
    public DataSet toDataSet(DataType type) {
        double[][] oneHot = new double[labels.length][classNames.size()];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i][labels[i]] = 1;
        }
        return new DataSet(Nd4j.create(features).castTo(type), Nd4j.create(oneHot).castTo(type));
    }

    public Path source() {
        return source;
    }

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

    public int numFeatures() {
        return featureNames.size();
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The class index of each row. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of row {@code i}'s features. */
    public double[] features(int i) {
        return Arrays.copyOf(features[i], features[i].length);
    }
}
