package org.dlkit.train;

import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import org.dlkit.data.StratifiedSplit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early stopping ends the run after the patience and keeps the best epoch's parameters. */
class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceAndKeepsTheBestEpoch() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        TrainedClassifier model = Classifier.builder().updater(new Adam(0.05)).epochs(300).patience(5)
                .diagnostics(0).build().fit(iris);
        TrainingResult result = model.training().result();
        History history = result.history();
        assertTrue(result.stoppedEarly() && history.size() < 300, result.stopReason());
        EpochRecord best = history.epochs().stream().min(Comparator.comparingDouble(EpochRecord::valLoss)).orElseThrow();
        assertEquals(best.epoch(), result.bestEpoch());
        assertEquals(best.epoch() + 5, history.size(), "stopped exactly 5 epochs after the best one");

        // the kept network is the best epoch's: its validation loss is the one recorded then
        LabelledData train = StratifiedSplit.of(iris, 0.2, Classifier.DEFAULT_SEED).train();
        LabelledData validationRows = StratifiedSplit.of(train, Classifier.DEFAULT_VALIDATION_FRACTION,
                Classifier.DEFAULT_SEED).test();
        DataSet validation = model.transform().dataSet(validationRows, DataType.FLOAT, w -> { }).data();
        model.normalizer().transform(validation);
        assertEquals(best.valLoss(), model.network().score(validation, false), 1e-6);
    }

    /**
     * Min delta (Keras' min_delta) decides which epochs improve: replaying the rule over the recorded validation losses
     * gives the kept epoch and the stop, for Keras' 0 and for a coarse 0.05, and the two runs differ.
     */
    @Test
    void minDeltaDecidesWhichEpochsImprove() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        int[] kept = new int[2];
        double[] deltas = {0, 0.05};
        for (int k = 0; k < deltas.length; k++) {
            TrainingResult result = Classifier.builder().updater(new Adam(0.02)).epochs(300).patience(5)
                    .minDelta(deltas[k]).diagnostics(0).build().fit(iris).training().result();
            double best = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            for (EpochRecord e : result.history().epochs()) {
                if (e.valLoss() < best - deltas[k]) {
                    best = e.valLoss();
                    bestEpoch = e.epoch();
                }
            }
            assertEquals(bestEpoch, result.bestEpoch(), "min delta " + deltas[k]);
            assertEquals(bestEpoch + 5, result.epochs(), "min delta " + deltas[k] + ": " + result.stopReason());
            kept[k] = bestEpoch;
        }
        assertTrue(kept[1] < kept[0], "a coarser min delta stops sooner: " + kept[0] + " vs " + kept[1]);
    }

    @Test
    void aNegativeOrNonFiniteMinDeltaIsRefused() {
        for (double bad : new double[] {-0.001, Double.NaN, Double.POSITIVE_INFINITY}) {
            DlkitException e = assertThrows(DlkitException.class, () -> Classifier.builder().minDelta(bad));
            assertTrue(e.getMessage().startsWith("min delta " + bad + " is invalid"), e.getMessage());
        }
    }

    @Test
    void patienceZeroRunsEveryEpochAndKeepsTheLast() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        TrainingResult result = Classifier.builder().updater(new Adam(0.05)).epochs(40).patience(0).diagnostics(0)
                .build().fit(iris).training().result();
        assertEquals(40, result.epochs());
        assertEquals(40, result.bestEpoch());
        assertTrue(!result.stoppedEarly() && result.stopReason().contains("maximum of 40"), result.stopReason());
    }

    @Test
    void oneEpochIsNamedInTheSingular() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        List<String> stages = new ArrayList<>();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void stage(PipelineStage stage, String detail) {
                stages.add(detail);
            }
        };
        TrainingResult result = Classifier.builder().epochs(1).diagnostics(0).build().fit(iris, observer)
                .training().result();
        assertEquals("reached the maximum of 1 epoch", result.stopReason());
        assertTrue(stages.get(4).startsWith("at most 1 epoch, Adam"), stages.get(4));
        assertTrue(stages.get(5).endsWith("; 1 epoch trained, parameters of epoch 1 kept"), stages.get(5));
        TrainingResult patient = Classifier.builder().updater(new Adam(0.05)).patience(1).diagnostics(0).build()
                .fit(iris).training().result();
        assertTrue(patient.stoppedEarly() && patient.stopReason().contains("has not improved for 1 epoch since epoch"),
                patient.stopReason());
    }
}
