package org.dlkit;

import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw rows given to a trained model from Java ({@code predict(Map)}, {@code predict(columns, rows)}): what the CSV path
 * says about a value the model cannot read as trained (a category never seen in training, a text in a numeric column
 * that is no missing-value text of the model) reaches the caller's warnings the same way, and the answer is the one
 * the CSV path gives.
 */
class PredictRowsTest {

    static final Path PENGUINS = Path.of("datasets/penguins.csv");
    static final List<String> COLUMNS = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
            "Body Mass (g)", "Sex");

    static TrainedClassifier model;

    @BeforeAll
    static void train() {
        model = Classifier.builder().seed(7).epochs(5).build().fit(LabelledData.fromCsv(PENGUINS, "Species"));
    }

    private static Map<String, Object> row(String island, Object mass) {
        Map<String, Object> row = new HashMap<>(Map.of("Island", island, "Beak Length (mm)", 47.5,
                "Beak Depth (mm)", 15, "Flipper Length (mm)", 215, "Sex", "MALE"));
        row.put("Body Mass (g)", mass);
        return row;
    }

    @Test
    void anUnseenCategoryInAMapRowIsAWarningAndEncodesAsAllZeros() {
        List<String> warnings = new ArrayList<>();
        double[] p = model.predictProbabilities(row("Atlantis", 5200), warnings::add);
        assertEquals(List.of("row, column 'Island': 'Atlantis' (1 row) not seen in training; encoded as all zeros"),
                warnings);
        assertArrayEquals(model.predictProbabilities(row("Atlantis", 5200)), p, "the same answer, silently");
        List<String> again = new ArrayList<>();
        assertEquals(model.predict(row("Atlantis", 5200)), model.predict(row("Atlantis", 5200), again::add));
        assertEquals(warnings, again);
        List<String> none = new ArrayList<>();
        model.predict(row("Biscoe", 5200), none::add);
        assertEquals(List.of(), none, "a known category says nothing");
    }

    @Test
    void rowsWarnOnceAColumnAsTheCsvPathDoes() {
        List<String> warnings = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(List.of(i % 3 == 0 ? "Atlantis" : "Dream", 40 + i, 18.1, 190, i == 5 ? "-" : 3500 + 10 * i,
                    i == 7 ? "female" : "FEMALE"));
        }
        List<String> classes = model.predict(COLUMNS, rows, warnings::add);
        assertEquals(12, classes.size());
        assertEquals(model.predict(COLUMNS, rows), classes);
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.contains("rows, column 'Body Mass (g)': row 6 holds '-', not a number; read as missing"),
                warnings.toString());
        assertTrue(warnings.contains("rows, column 'Island': 'Atlantis' (4 rows) not seen in training; encoded as all "
                + "zeros"), warnings.toString());
        assertTrue(warnings.contains("rows, column 'Sex': 'female' (1 row, training has 'FEMALE') not seen in "
                + "training; encoded as all zeros"), warnings.toString());
    }

    @Test
    void aJavaBooleanIsTheTrainingCategoryThatSpellsItInAnotherCase(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x,flag,y\n");   // as pandas writes booleans: True, False
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 120; i++) {
            double x = random.nextDouble();
            boolean flag = random.nextBoolean();
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%s,%s%n", x, flag ? "True" : "False",
                    flag && x > 0.3 || x > 0.8 ? "a" : "b"));
        }
        TrainedClassifier flags = Classifier.builder().seed(1).epochs(5).build()
                .fit(LabelledData.fromCsv(Files.writeString(dir.resolve("flags.csv"), csv), "y"));
        List<String> warnings = new ArrayList<>();
        for (boolean b : new boolean[] {true, false}) {
            assertArrayEquals(flags.predictProbabilities(Map.of("x", 0.5, "flag", b ? "True" : "False")),
                    flags.predictProbabilities(Map.of("x", 0.5, "flag", b), warnings::add));
            assertEquals(flags.predict(List.of("flag", "x"), List.of(List.of(b ? "True" : "False", 0.5))),
                    flags.predict(List.of("flag", "x"), List.of(List.of(b, 0.5)), warnings::add));
        }
        assertEquals(List.of(), warnings);
        assertArrayEquals(flags.predictProbabilities(Map.of("x", 0.5, "flag", "True")),
                flags.predictProbabilities(Map.of("x", 0.5, "flag", "TRUE"), warnings::add));
        assertEquals(List.of(), warnings, "a boolean text in another case too, as pandas' read_csv reads TRUE, True "
                + "and true as one boolean");
    }

    @Test
    void aMissingValueTextTheModelDoesNotKnowIsNamedWithTheOnesItKnows() {
        DlkitException e = assertThrows(DlkitException.class, () -> model.predict(row("Dream", "None")));
        assertEquals("row, column 'Body Mass (g)': numeric in training, but row 1 holds 'None', which is no number "
                + "and none of the model's missing-value texts (an empty cell, NA, N/A, null, ?, NaN, Excel's error values such as #N/A)",
                e.getMessage());
        Map<String, Object> gap = row("Dream", null);
        assertEquals(model.predict(gap), model.predict(row("Dream", "NA")), "null and NA are both a gap");
    }

    @Test
    void aNumberNoFloatHoldsIsNamedByItsRowAndNaNIsAGap() {
        DlkitException inf = assertThrows(DlkitException.class,
                () -> model.predict(row("Dream", Double.POSITIVE_INFINITY)));
        assertEquals("row, row 1, column 'Body Mass (g)': 'Infinity' is not a finite number; infinity is not allowed",
                inf.getMessage());
        List<Object> big = new ArrayList<>(List.of("Dream", 47.5, 15, 215, 1e39, "MALE"));
        DlkitException huge = assertThrows(DlkitException.class, () -> model.predict(COLUMNS,
                List.of(List.of("Dream", 47.5, 15, 215, 4000, "MALE"), big)));
        assertEquals("rows, row 2, column 'Body Mass (g)': '1.0E39' is out of the range of a float; expected a number "
                + "below 3.4e38 in magnitude (dlkit reads 32-bit floats: rescale the column, e.g. take its logarithm)",
                huge.getMessage());
        assertEquals(model.predict(row("Dream", null)), model.predict(row("Dream", Double.NaN)),
                "NaN is a gap, as in LabelledData.fromArrays");
    }

    @Test
    void aColumnWithoutValuesIsImputedInEvaluateAsInPredict(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(PENGUINS);
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) { // Body Mass (g) never measured in this file
            String[] cells = line.split(",", -1);
            cells[5] = "";
            csv.append(String.join(",", cells)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("no-mass.csv"), csv);
        double viaModel = model.evaluate(model.readCsv(file, null, org.dlkit.data.CsvFormat.DETECT, false))
                .accuracy();
        double viaJava = model.evaluate(LabelledData.fromCsv(file, "Species")).accuracy();
        assertEquals(viaModel, viaJava, "the README's two ways read the file alike");
        assertEquals(lines.size() - 1, model.predictCsv(file, w -> { }).ids().size(), "predict too");
        DlkitException training = assertThrows(DlkitException.class,
                () -> Classifier.builder().seed(7).epochs(1).build().fit(LabelledData.fromCsv(file, "Species")));
        assertTrue(training.getMessage().endsWith("column 'Body Mass (g)': no values (all 344 cells are missing); "
                + "pass --ignore 'Body Mass (g)' to leave it out"), training.getMessage());
    }
}
