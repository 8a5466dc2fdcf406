package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DataLoadingTest {

    @TempDir
    Path dir;

    @Test
    void irisHasItsNamesAndClasses() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), null);
        assertEquals(150, iris.numExamples());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), iris.featureNames());
        assertEquals("species", iris.labelName());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
    }

    @Test
    void labelColumnByNameOrIndexAnywhere() throws IOException {
        Path csv = dir.resolve("first.csv");
        Files.writeString(csv, "kind,x,y\n10,1.5,2\n2,3,4e-1\n\n10,\"5\",6\n");
        LabelledData byName = LabelledData.fromCsv(csv, "kind");
        LabelledData byIndex = LabelledData.fromCsv(csv, "0");
        assertEquals(List.of("2", "10"), byName.classNames(), "integer labels sort numerically");
        assertEquals(List.of("x", "y"), byIndex.featureNames());
        assertArrayEquals(new int[] {1, 0, 1}, byIndex.labels());
        assertArrayEquals(new double[] {3, 0.4}, numbers(byName, 1), 1e-7);
        assertArrayEquals(new double[] {5, 6}, numbers(byName, 2), "quotes stripped, blank line skipped");
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreRead() throws IOException {
        Path csv = dir.resolve("excel.csv");
        Files.writeString(csv, "\uFEFFa,b,label\r\n1,2,x\r\n3,4,y\r\n");
        LabelledData data = LabelledData.fromCsv(csv, null);
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals(List.of("x", "y"), data.classNames());
    }

    @Test
    void stratifiedSplitKeepsClassSharesAndIsSeeded() {
        LabelledData wine = LabelledData.fromCsv(Path.of("datasets/wine.csv"), null);
        StratifiedSplit split = StratifiedSplit.of(wine, 0.2, 42);
        int[] all = wine.classCounts();
        int[] test = split.test().classCounts();
        int[] train = split.train().classCounts();
        for (int c = 0; c < all.length; c++) {
            assertEquals(Math.round(all[c] * 0.2), test[c]);
            assertEquals(all[c], test[c] + train[c]);
        }
        StratifiedSplit again = StratifiedSplit.of(wine, 0.2, 42);
        assertArrayEquals(split.test().labels(), again.test().labels());
        assertArrayEquals(numbers(split.test(), 0), numbers(again.test(), 0));
    }

    /** Row {@code i}'s feature cells as numbers. */
    static double[] numbers(LabelledData data, int i) {
        return data.featureNames().stream().mapToDouble(n -> data.table().column(n).number(data.tableRow(i))).toArray();
    }
}
