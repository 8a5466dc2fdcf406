package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A feature column that alone predicts the label is named as a possible label leak; ordinary columns are not. */
class LabelLeaksTest {

    @TempDir
    Path dir;

    private static List<String> leakWarnings(LabelledData data) {
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(data, warnings::add);
        return warnings.stream().filter(w -> w.contains("gives the label")).toList();
    }

    /** 200 rows: x and y noisy numbers, the label from x + y, plus {@code extra(row, label)} as column 'extra'. */
    private LabelledData table(java.util.function.BiFunction<Integer, String, String> extra) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x,y,extra,label\n");
        for (int r = 0; r < 200; r++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            String label = x + y + 0.5 * random.nextGaussian() > 0 ? "yes" : "no";
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%s%n", x, y, extra.apply(r, label), label));
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        return LabelledData.fromCsv(file, "label");
    }

    @Test
    void aCopyOfTheLabelIsNamed() throws IOException {
        List<String> w = leakWarnings(table((r, label) -> label.equals("yes") ? "approved" : "rejected"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("column 'extra' alone gives the label 'label' away"), w.get(0));
        assertTrue(w.get(0).contains("--ignore extra"), w.get(0));
    }

    @Test
    void theLabelAsNumberCodesIsNamed() throws IOException {
        assertEquals(1, leakWarnings(table((r, label) -> label.equals("yes") ? "1" : "0")).size());
    }

    @Test
    void aColumnThatOnlyUsuallyAgreesIsNotNamed() throws IOException {
        // agrees with the label on all rows but one: informative, not a copy
        assertEquals(List.of(), leakWarnings(table((r, label) -> label.equals("yes") == (r != 17) ? "approved"
                : "rejected")));
    }

    @Test
    void rareValuesAreNotTakenForALeak() throws IOException {
        // 50 codes of about 4 rows each: each code may well hold one class by chance
        assertEquals(List.of(), leakWarnings(table((r, label) -> "c" + (r % 50))));
    }

    @Test
    void theBundledDatasetsHaveNone() {
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species")));
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(Path.of("datasets/penguins.csv"), "Species")));
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(Path.of("datasets/wine.csv"), "class")));
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(Path.of("datasets/breast-cancer.csv"),
                "diagnosis")));
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(Path.of("datasets/digits.csv"), "digit")));
    }

    /**
     * A value seen once or twice holds one class by chance (here: the 2 rows of region 'east' happen to be the only
     * 'yes' rows of 40), and a column judged on a handful of rows matches a label by chance: neither is named.
     */
    @Test
    void aValueOfOneOrTwoRowsOrAHandfulOfRowsIsNotTakenForALeak() throws IOException {
        StringBuilder csv = new StringBuilder("x,region,label\n");
        for (int r = 0; r < 40; r++) {
            csv.append(r).append(',').append(r < 2 ? "east" : "west").append(',').append(r < 2 ? "yes" : "no")
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("rare.csv"), csv);
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(file, "label")));

        Path small = Files.writeString(dir.resolve("small.csv"),
                "x,flag,label\n1,a,p\n2,a,p\n3,a,p\n4,a,p\n5,a,p\n6,b,q\n7,b,q\n8,b,q\n9,b,q\n10,b,q\n");
        assertEquals(List.of(), leakWarnings(LabelledData.fromCsv(small, "label")));
    }
}
