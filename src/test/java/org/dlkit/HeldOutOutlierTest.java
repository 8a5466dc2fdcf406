package org.dlkit;

import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.dlkit.engine.EngineChoice;
import org.dlkit.train.TrainingDiverged;
import org.dlkit.train.TrainingObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A huge value (3e38, 1e30) in a held-out row only: standardisation, fitted on the training rows, makes it an enormous
 * input. Data preparation warns naming the column, line and value, and when the network overflows on the validation
 * rows the stop does not blame the learning rate (both engines).
 */
class HeldOutOutlierTest {

    @TempDir
    Path dir;

    /** 300 rows a, b, label (label from a + 0.3 b), with {@code values} written in column b at {@code lines}. */
    private Path table(String name, long[] lines, String[] values) throws IOException {
        Random random = new Random(3);
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 300; i++) {
            double a = random.nextGaussian(), b = 5 + 2 * random.nextGaussian();
            String cell = String.format(Locale.ROOT, "%.3f", b);
            for (int k = 0; k < lines.length; k++) {
                cell = lines[k] == i + 2 ? values[k] : cell;
            }
            sb.append(String.format(Locale.ROOT, "%.3f,%s,%s%n", a, cell, a + 0.3 * b > 1.5 ? "p" : "q"));
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** The first validation line and the first test line of the default split of {@code csv}. */
    private static long[] heldOutLines(Path csv) {
        PreparedData.Parts parts = PreparedData.split(LabelledData.fromCsv(csv, "label"), new PreparedData.Split(0.2,
                Classifier.DEFAULT_VALIDATION_FRACTION, Classifier.DEFAULT_SEED));
        return new long[] {parts.validation().line(0), parts.test().line(0)};
    }

    @Test
    void aHeldOutValueFarOutsideTheTrainingRangeIsNamedAtDataPreparation() throws IOException {
        long[] lines = heldOutLines(table("plain.csv", new long[0], new String[0]));
        Path csv = table("huge.csv", lines, new String[] {"3e38", "1e30"});
        List<String> warnings = new ArrayList<>();
        PreparedData.of(LabelledData.fromCsv(csv, "label"), new PreparedData.Split(0.2, 0.2, 42), warnings::add);
        List<String> far = warnings.stream().filter(w -> w.contains("far outside")).toList();
        assertEquals(1, far.size(), warnings.toString());
        assertTrue(far.get(0).startsWith(csv + ", column 'b': line " + lines[0] + " (a validation row) holds 3E+38, "
                + "far outside the training rows' range "), far.get(0));
        assertTrue(far.get(0).contains("; 2 held-out rows in all (lines " + lines[0] + ", " + lines[1] + ")"),
                far.get(0));
        List<String> none = new ArrayList<>();
        PreparedData.of(LabelledData.fromCsv(table("plain2.csv", new long[0], new String[0]), "label"),
                new PreparedData.Split(0.2, 0.2, 42), none::add);
        assertTrue(none.stream().noneMatch(w -> w.contains("far outside")), none.toString());
    }

    @Test
    void anOverflowOnTheValidationRowsDoesNotBlameTheLearningRateWithEitherEngine() throws IOException {
        long[] lines = heldOutLines(table("plain.csv", new long[0], new String[0]));
        Path csv = table("huge.csv", new long[] {lines[0]}, new String[] {"3e38"});
        for (EngineChoice.Engine engine : new EngineChoice.Engine[] {EngineChoice.Engine.AUTO,
                EngineChoice.Engine.DL4J}) {
            List<String> warnings = new ArrayList<>();
            TrainingObserver observer = new TrainingObserver() {
                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            };
            TrainingDiverged stop = assertThrows(TrainingDiverged.class, () -> Classifier.builder().engine(engine)
                    .build().fit(LabelledData.fromCsv(csv, "label"), observer), engine.name());
            assertFalse(stop.getMessage().contains("too high"), stop.getMessage());
            assertTrue(stop.getMessage().contains("the learning rate is not the cause"), stop.getMessage());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("column 'b': line " + lines[0])), warnings.toString());
        }
    }
}
