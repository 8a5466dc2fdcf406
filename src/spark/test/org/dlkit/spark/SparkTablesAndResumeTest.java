package org.dlkit.spark;

import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.train.SparkSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark in {@code local[2]} with what the rest of dlkit does: a real table (text categories, gaps, an ID and a date
 * column) whose saved transform predicts raw rows; the same seed giving the same epochs twice; and a run resumed from
 * a checkpoint continuing exactly as the uninterrupted run.
 */
class SparkTablesAndResumeTest {

    @TempDir
    Path dir;

    private static Classifier.Builder spark(int epochs) {
        return Classifier.builder().epochs(epochs).patience(0).diagnostics(0).seed(42).updater(new Adam(0.01))
                .epochRunner(new SparkSettings("local[2]", 1, 0, 16).runner());
    }

    @Test
    void aRealTableTrainsTwiceAlikeOnSparkAndItsModelPredictsRawRows() throws IOException {
        LabelledData penguins = LabelledData.fromCsv(penguinsWithIdAndDate(), "Species");
        TrainedClassifier first = spark(4).build().fit(penguins);
        TrainedClassifier second = spark(4).build().fit(penguins);
        assertEquals(first.history().toCsv(), second.history().toCsv(), "the same seed gives the same epochs");
        assertEquals(first.evaluation().accuracy(), second.evaluation().accuracy());
        assertEquals(List.of("Island[Biscoe]", "Island[Dream]", "Island[Torgersen]", "Beak Length (mm)",
                        "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex[.]", "Sex[FEMALE]", "Sex[MALE]"),
                first.info().featureNames(), "the ID and the date are left out, the categories one-hot encoded");

        Path model = dir.resolve("model");
        first.save(model, false);
        TrainedClassifier loaded = TrainedClassifier.load(model);
        Map<String, Object> gentoo = new HashMap<>(Map.of("id", "9001", "observed", "2010-01-01", "Island", "Atlantis",
                "Beak Length (mm)", "47.5", "Beak Depth (mm)", "14.2", "Flipper Length (mm)", "217",
                "Body Mass (g)", "5200", "Sex", "MALE"));
        double[] p = loaded.predictProbabilities(gentoo);
        assertEquals(3, p.length);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-5);
        gentoo.put("Beak Depth (mm)", "");
        gentoo.put("Sex", "NA");
        double[] gaps = loaded.predictProbabilities(gentoo);
        assertTrue(Arrays.stream(gaps).allMatch(Double::isFinite), "missing cells are imputed");
        assertNotEquals(Arrays.toString(p), Arrays.toString(gaps));
        assertArrayEquals(first.predictProbabilities(gentoo), gaps);
    }

    @Test
    void aSparkRunResumedFromItsCheckpointEndsAsTheUninterruptedOne() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        TrainedClassifier whole = spark(6).build().fit(iris);
        Path checkpoints = dir.resolve("checkpoints");
        spark(3).checkpoints(checkpoints, 3).build().fit(iris);            // "interrupted" after epoch 3
        TrainedClassifier resumed = spark(6).checkpoints(checkpoints, 3).resume(true).build().fit(iris);
        assertEquals(3, resumed.training().result().resumedFrom());
        assertEquals(whole.history().toCsv(), resumed.history().toCsv());
        assertEquals(whole.network().params(), resumed.network().params());
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-6);
    }

    /** datasets/penguins.csv with a row ID and an observation date in front. */
    private Path penguinsWithIdAndDate() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("datasets/penguins.csv"));
        List<String> out = new ArrayList<>();
        out.add("id,observed," + lines.get(0));
        java.time.LocalDate day = java.time.LocalDate.of(2007, 11, 1);
        for (int i = 1; i < lines.size(); i++) {
            out.add((1000 + i) + "," + day.plusDays(i) + "," + lines.get(i));
        }
        Path csv = dir.resolve("penguins-id-date.csv");
        Files.write(csv, out);
        return csv;
    }
}
