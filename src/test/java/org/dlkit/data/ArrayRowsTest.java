package org.dlkit.data;

import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows given in Java as {@code double[][]} and labels (Keras' {@code fit(x, y)}): the same model as from a CSV. */
class ArrayRowsTest {

    private static final Path IRIS = Path.of("datasets/iris.csv");

    @TempDir
    Path dir;

    /** iris.csv's features and species, read by hand as a Java user holding arrays would have them. */
    private static Object[] irisArrays() throws IOException {
        List<String> lines = Files.readAllLines(IRIS);
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            x.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]),
                    Double.parseDouble(cells[2]), Double.parseDouble(cells[3])});
            y.add(cells[4]);
        }
        return new Object[] {x.toArray(double[][]::new), y.toArray(String[]::new)};
    }

    @Test
    void arraysTrainTheSameModelAsTheCsvWithTheSameNumbers() throws IOException {
        Object[] xy = irisArrays();
        LabelledData fromArrays = LabelledData.fromArrays(List.of("sepal_length", "sepal_width", "petal_length",
                "petal_width"), (double[][]) xy[0], "species", (String[]) xy[1], TableOptions.DEFAULT);
        LabelledData fromCsv = LabelledData.fromCsv(IRIS, "species");
        assertEquals(fromCsv.classNames(), fromArrays.classNames());
        assertArrayEquals(fromCsv.labels(), fromArrays.labels());
        Classifier classifier = Classifier.builder().epochs(15).seed(5).diagnostics(0).build();
        TrainedClassifier a = classifier.fit(fromArrays);
        TrainedClassifier c = classifier.fit(fromCsv);
        assertEquals(c.network().params(), a.network().params());
        assertEquals(c.evaluation().accuracy(), a.evaluation().accuracy());
    }

    @Test
    void namesDefaultToX0AndLabelAndIntLabelsAreClassesInNumericOrder() {
        double[][] x = new double[24][];
        int[] y = new int[24];
        for (int i = 0; i < x.length; i++) {
            y[i] = new int[] {10, 2, 0}[i % 3];
            x[i] = new double[] {y[i] + 0.1 * i, -y[i]};
        }
        LabelledData data = LabelledData.fromArrays(x, y);
        assertEquals(List.of("x0", "x1"), data.featureNames());
        assertEquals("label", data.labelName());
        assertEquals(List.of("0", "2", "10"), data.classNames(), "numeric order, as a CSV's numeric labels");
        assertEquals(2, data.labels()[0]);
        assertEquals(0, data.line(0), "row numbers are the array's indices");
        TrainedClassifier model = Classifier.builder().epochs(3).diagnostics(0).build().fit(data);
        assertEquals(3, model.predictProbabilities(new double[][] {{1, 2}})[0].length);
    }

    @Test
    void intLabelsAreClassesHoweverMany() {
        double[][] x = new double[120][];
        int[] y = new int[120];
        String[] texts = new String[120];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 100;
            texts[i] = Integer.toString(y[i]);
            x[i] = new double[] {i};
        }
        assertEquals(100, LabelledData.fromArrays(x, y).numClasses(), "class indices are classes by declaration");
        assertEquals("features: label 'label' has 100 distinct numeric values in 120 rows: it looks continuous, and "
                + "dlkit trains classifiers; give class indices (an int[]), or bin the values into classes",
                message(() -> LabelledData.fromArrays(x, texts)), "numbers as text are judged as a CSV's label is");
    }

    @Test
    void nanIsAGapImputedAsAnEmptyCsvCellWouldBe() throws IOException {
        Object[] xy = irisArrays();
        double[][] x = (double[][]) xy[0];
        x[7][2] = Double.NaN;
        x[40][0] = Double.NaN;
        List<String> csv = new ArrayList<>(Files.readAllLines(IRIS));
        csv.set(8, csv.get(8).replaceFirst("^([^,]*,[^,]*,)[^,]*", "$1"));
        csv.set(41, csv.get(41).replaceFirst("^[^,]*", ""));
        Path gaps = dir.resolve("gaps.csv");
        Files.write(gaps, csv);
        List<String> names = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
        LabelledData fromArrays = LabelledData.fromArrays(names, x, "species", (String[]) xy[1], TableOptions.DEFAULT);
        Classifier classifier = Classifier.builder().epochs(5).seed(3).diagnostics(0).build();
        assertEquals(classifier.fit(LabelledData.fromCsv(gaps, "species")).network().params(),
                classifier.fit(fromArrays).network().params());
        LabelledData strict = LabelledData.fromArrays(names, x, "species", (String[]) xy[1],
                TableOptions.DEFAULT.withMissing(MissingPolicy.ERROR));
        String refused = message(() -> classifier.fit(strict));
        assertTrue(refused.matches("features, row (7|40), column '(petal|sepal)_length': missing value .*"), refused);
    }

    @Test
    void badArraysAreRefusedNamingTheCell() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}};
        String[] y = {"a", "b", "a"};
        assertEquals("features[1][0] ('x0') is Infinity; expected a finite number (NaN for a gap, filled as in "
                + "training)", message(() -> LabelledData.fromArrays(new double[][] {{1, 2}, {
                        Double.POSITIVE_INFINITY, 4}, {5, 6}}, y)));
        assertEquals("features[2][1] ('x1') is 1.0E39, out of the range of a float; expected a finite number below "
                + "3.4e38 in magnitude", message(() -> LabelledData.fromArrays(
                        new double[][] {{1, 2}, {3, 4}, {5, 1e39}}, y)));
        assertEquals("features[1] has 1 value; expected 2, as features[0]",
                message(() -> LabelledData.fromArrays(new double[][] {{1, 2}, {3}, {5, 6}}, y)));
        assertEquals("features[2] is null; expected 2 values, as features[0]",
                message(() -> LabelledData.fromArrays(new double[][] {{1, 2}, {3, 4}, null}, y)));
        assertEquals("features has 3 rows but labels has 2; expected one label per row",
                message(() -> LabelledData.fromArrays(x, new String[] {"a", "b"})));
        assertEquals("features: no rows; expected at least one row of numbers",
                message(() -> LabelledData.fromArrays(new double[0][], new String[0])));
        assertEquals("features[0]: no values; expected at least one feature per row",
                message(() -> LabelledData.fromArrays(new double[][] {{}, {}}, new int[] {0, 1})));
        assertEquals("features: expected rows of numbers (double[][]), got null",
                message(() -> LabelledData.fromArrays(null, y)));
        assertEquals("labels: expected one class per row, got null",
                message(() -> LabelledData.fromArrays(x, (String[]) null)));
        assertEquals("labels[1] is -1; expected a class index of 0 or more",
                message(() -> LabelledData.fromArrays(x, new int[] {0, -1, 1})));
        assertEquals("featureNames has 1 name; expected 2, one per value of a row",
                message(() -> LabelledData.fromArrays(List.of("a"), x, "y", y, TableOptions.DEFAULT)));
        assertEquals("featureNames: 'y' is also the label's name; expected distinct names",
                message(() -> LabelledData.fromArrays(List.of("a", "y"), x, "y", y, TableOptions.DEFAULT)));
        LabelledData oneClass = LabelledData.fromArrays(x, new String[] {"a", "a", "a"});
        assertEquals("features: only one class ('a') in column 'label'; a classifier needs at least two",
                message(() -> Classifier.builder().build().fit(oneClass)));
    }

    @Test
    void aNullLabelLeavesItsRowOutAsAnEmptyLabelCell() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        LabelledData data = LabelledData.fromArrays(x, new String[] {"a", null, "b", "a"});
        assertEquals(3, data.numExamples());
        assertEquals(1, data.unlabelledRows());
        assertEquals(2, data.line(1), "row 2 of the arrays");
        assertFalse(data.classNames().contains("null"));
    }

    private static String message(Runnable call) {
        return assertThrows(DlkitException.class, call::run).getMessage();
    }
}
