package org.dlkit.experiment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.dlkit.error.DlkitException;
import org.dlkit.data.LabelledData;
import org.dlkit.experiment.GradientDescentExperiment.ModeResult;
import org.dlkit.experiment.GradientDescentExperiment.Result;
import org.dlkit.experiment.GradientDescentExperiment.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards 26–30 measured on iris: one run of the three modes, shared by the tests below. */
class GradientDescentExperimentTest {

    private static final int[] HIDDEN = {256, 256};
    private static final int EPOCHS = 10;
    private static final int BATCH_SIZE = 32;
    private static final double TARGET = 0.2;
    private static LabelledData iris;
    private static Result result;

    @BeforeAll
    static void runOnce() {
        iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        result = GradientDescentExperiment.run(iris, new Settings(HIDDEN, BATCH_SIZE, EPOCHS, TARGET, 0.05, 42));
    }

    @Test
    void runsTheThreeModesInOrder() {
        assertEquals(List.of("batch", "stochastic", "mini-batch"),
                result.modes().stream().map(m -> m.mode().name()).toList());
        assertEquals(120, result.trainExamples());
        assertEquals(30, result.testExamples());
    }

    @Test
    void stochasticHasBatchSizeOneAndTheMostUpdatesPerEpoch() {
        // Which update is cheapest is a timing: the experiment measures and prints it (see the README), but a unit
        // test on a shared machine does not assert wall-clock orderings. Here: every update was timed.
        ModeResult sgd = result.mode("stochastic");
        assertEquals(1, sgd.batchSize());
        assertEquals(120, sgd.updatesPerEpoch());
        for (ModeResult other : List.of(result.mode("batch"), result.mode("mini-batch"))) {
            assertTrue(sgd.updatesPerEpoch() > other.updatesPerEpoch(), other.mode().toString());
            assertTrue(other.meanUpdateMicros() > 0);
        }
        assertTrue(sgd.meanUpdateMicros() > 0);
    }

    @Test
    void batchMakesExactlyOneUpdatePerEpochOverTheWholeTrainingSet() {
        ModeResult batch = result.mode("batch");
        assertEquals(120, batch.batchSize());
        assertEquals(1, batch.updatesPerEpoch());
        assertEquals(EPOCHS, batch.updates());
    }

    @Test
    void miniBatchHasTheRequestedSizeAndCeilingOfNOverBUpdates() {
        ModeResult mini = result.mode("mini-batch");
        assertEquals(BATCH_SIZE, mini.batchSize());
        assertEquals(4, mini.updatesPerEpoch()); // ⌈120 / 32⌉: three full batches and one of 24
        assertEquals(EPOCHS * 4, mini.updates());
    }

    @Test
    void everyModeSeesEveryTrainingExampleOncePerEpoch() {
        for (ModeResult m : result.modes()) {
            int[] expected = new int[EPOCHS];
            Arrays.fill(expected, result.trainExamples());
            assertArrayEquals(expected, m.examplesPerEpoch(), m.mode().toString());
            assertEquals(EPOCHS, m.epochNanos().length);
            assertEquals(EPOCHS + 1, m.trainLoss().length);
        }
    }

    @Test
    void everyModeStartsFromTheSameWeights() {
        double initial = result.modes().get(0).trainLoss()[0];
        for (ModeResult m : result.modes()) {
            assertEquals(initial, m.trainLoss()[0], 0.0, m.mode().toString());
            assertTrue(m.finalTrainLoss() < initial, m.mode() + " did not learn");
        }
    }

    @Test
    void perEpochStochasticLearnsFastestAndBatchSlowest() {
        ModeResult batch = result.mode("batch");
        ModeResult sgd = result.mode("stochastic");
        ModeResult mini = result.mode("mini-batch");
        assertTrue(sgd.finalTrainLoss() < mini.finalTrainLoss() && mini.finalTrainLoss() < batch.finalTrainLoss(),
                result::table);
        assertTrue(sgd.epochsToReach(TARGET).isPresent(), result::table);
        assertFalse(batch.epochsToReach(TARGET).isPresent(), result::table);
    }

    @Test
    void reachingTheTargetIsTheFirstEpochAtOrBelowIt() {
        ModeResult sgd = result.mode("stochastic");
        int e = sgd.epochsToReach(TARGET).getAsInt();
        double[] loss = sgd.trainLoss();
        assertTrue(loss[e] <= TARGET);
        for (int i = 0; i < e; i++) {
            assertTrue(loss[i] > TARGET);
        }
        assertEquals((long) e * 120, sgd.updatesToReach(TARGET).getAsLong());
        double ms = Arrays.stream(Arrays.copyOf(sgd.epochNanos(), e)).sum() / 1e6;
        assertEquals(ms, sgd.millisToReach(TARGET).getAsDouble(), 1e-9);
        assertTrue(sgd.epochsToReach(1e-9).isEmpty() && sgd.updatesToReach(1e-9).isEmpty()
                && sgd.millisToReach(1e-9).isEmpty());
    }

    @Test
    void batchModeSeesTheTrainingLossAndStochasticTheNoisiestEstimateOfIt() {
        ModeResult batch = result.mode("batch");
        ModeResult sgd = result.mode("stochastic");
        ModeResult mini = result.mode("mini-batch");
        double[] seen = batch.updateLoss();
        double[] train = batch.trainLoss();
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(train[e], seen[e], 1e-5, "batch update " + e + " is computed on the whole training set");
        }
        assertTrue(batch.batchLossNoise() < 1e-5, result::table);
        assertTrue(mini.batchLossNoise() > 0.01, result::table);
        assertTrue(sgd.batchLossNoise() > mini.batchLossNoise(), result::table);
        assertEquals(0.0, batch.shareOfEpochsLossRose(), result::table);
        assertTrue(sgd.shareOfEpochsLossRose() > 0, result::table);
    }

    @Test
    void tablePrintsTheModesSideBySide() {
        String table = result.table();
        assertTrue(table.lines().anyMatch(l -> l.matches(" *batch \\(all\\) +stochastic \\(1\\) +mini-batch \\(32\\)")),
                table);
        assertTrue(table.lines().anyMatch(l -> l.matches("updates per epoch +1 +120 +4")), table);
        assertTrue(table.lines().anyMatch(
                l -> l.matches("epochs to loss <= 0.2 +not reached +\\d+ +(\\d+|not reached)")), table);
        assertTrue(table.matches("(?s).*cheapest update: (batch|stochastic|mini-batch) .*"), table);
        assertTrue(table.contains("most updates per epoch: stochastic (120)"), table);
    }

    @Test
    void aLearningRateTooLargeDivergesAndIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Result diverging = GradientDescentExperiment.run(iris, new Settings(HIDDEN, BATCH_SIZE, 2, TARGET, 50, 42));
        ModeResult sgd = diverging.mode("stochastic");
        assertTrue(sgd.diverged(), diverging::table);
        assertTrue(sgd.epochs() <= 2 && Double.isNaN(sgd.testAccuracy()), diverging::table);
        assertTrue(diverging.table().contains("stochastic diverged in epoch " + sgd.epochs()), diverging::table);
        for (Path f : diverging.writePlots(dir, false)) {
            assertNotNull(ImageIO.read(f.toFile()), f.toString());
        }
    }

    @Test
    void writesTheLossCurvesAsPngsAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path plots = dir.resolve("plots");
        List<Path> files = result.writePlots(plots, false);
        assertEquals(List.of(plots.resolve(LossCurvePlots.PER_EPOCH), plots.resolve(LossCurvePlots.PER_UPDATE)), files);
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertNotNull(image, f + " is not a readable image");
            assertEquals(900, image.getWidth());
            assertEquals(550, image.getHeight());
        }
        long modified = Files.getLastModifiedTime(files.get(0)).toMillis();
        DlkitException e = assertThrows(DlkitException.class, () -> result.writePlots(plots, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals(modified, Files.getLastModifiedTime(files.get(0)).toMillis());
        assertEquals(files, result.writePlots(plots, true));
    }

    @Test
    void badSettingsAreUserErrors() {
        assertAll(
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 1, 10, 0.1, 0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 32, 0, 0.1, 0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 32, 10, 0, 0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 32, 10, 0.1, Double.NaN, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 32, 10, 0.1, -0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(HIDDEN, 32, 10, Double.POSITIVE_INFINITY,
                        0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(new int[0], 32, 10, 0.1, 0.1, 1)),
                () -> assertThrows(DlkitException.class, () -> new Settings(new int[] {8, 0}, 32, 10, 0.1, 0.1, 1)));
        DlkitException tooBig = assertThrows(DlkitException.class,
                () -> GradientDescentExperiment.run(iris, new Settings(HIDDEN, 120, 1, 0.1, 0.1, 1)));
        assertTrue(tooBig.getMessage().contains("expected 2 to 119"), tooBig.getMessage());
    }

    /** Two training rows leave no mini-batch between stochastic (1) and batch (2): said so, not "expected 2 to 1". */
    @Test
    void tooFewTrainingRowsForAMiniBatchAreNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("four.csv"),
                "a,b,y\n1,2,x\n2,1,z\n3,3,x\n4,2,z\n");
        LabelledData four = LabelledData.fromCsv(csv, "y");
        DlkitException e = assertThrows(DlkitException.class,
                () -> GradientDescentExperiment.run(four, new Settings(HIDDEN, 2, 1, 0.1, 0.1, 1)));
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("at least 3 training rows")
                && !e.getMessage().contains("2 to 1"), e.getMessage());
    }
}
