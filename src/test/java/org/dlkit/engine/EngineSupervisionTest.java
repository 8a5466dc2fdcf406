package org.dlkit.engine;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.StandardisedIris;
import org.dlkit.supervise.Diagnostics;
import org.dlkit.supervise.LayerStats;
import org.dlkit.train.Checkpoints;
import org.dlkit.train.Trainer;
import org.dlkit.train.TrainingDiverged;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingPlan;
import org.dlkit.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default supervision on dlkit's engine, through the one implementation DL4J's fit loop uses: the diagnostics flag
 * a planted failure mode as in the DL4J run, a run resumed from a checkpoint ends exactly as the uninterrupted run, and
 * the optimiser state the engine hands to the DL4J network is the one DL4J's own Adam continues from.
 */
class EngineSupervisionTest {

    private static final DataSet DATA = StandardisedIris.dataSet();

    @TempDir
    Path dir;


    /** 4-32-3, ReLU then softmax, Adam at {@code rate}, the hidden biases starting at {@code bias}. */
    private static MultiLayerNetwork network(double rate, double bias) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(rate)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .biasInit(bias).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static TrainingResult onEngine(MultiLayerNetwork net, Diagnostics diagnostics, TrainingPlan plan) {
        try (Device cpu = Devices.cpu()) {
            return new Trainer(TrainingObserver.SILENT, new EngineTrainer(cpu, diagnostics, true))
                    .fit(net, GradientDescent.MINI_BATCH.iterator(DATA, 42), DATA, DATA, plan);
        }
    }

    @Test
    void validationOnTheEngineMeasuresWhatDl4jMeasuresOnTheSameParameters() {
        for (Device device : List.of(Devices.cpu(), Devices.cpuFloat(1))) {
            try (device) {
                MultiLayerNetwork net = network(3e-2, 0);
                EpochIterator batches = GradientDescent.MINI_BATCH.iterator(DATA, 42);
                try (var session = new EngineTrainer(device, null, true).start(net, batches, TrainingObserver.SILENT)) {
                    for (int epoch = 0; epoch < 3; epoch++) {
                        session.runEpoch(); // leaves the engine's parameters in net
                        net.incrementEpochCount();
                        double[] engine = session.validate(DATA);
                        double dl4jLoss = net.score(DATA, false);
                        double dl4jAccuracy = net.output(DATA.getFeatures(), false).argMax(1)
                                .eq(DATA.getLabels().argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                        assertEquals(dl4jLoss, engine[0], 1e-5 * Math.max(1, dl4jLoss), device.description());
                        assertEquals(dl4jAccuracy, engine[1], 1.0 / DATA.numExamples() + 1e-12, device.description());
                    }
                }
            }
        }
    }

    @Test
    void deadReluUnitsAreFlaggedOnTheEngineAsInDl4jsLoop() {
        List<String> dl4jWarnings = new ArrayList<>();
        Diagnostics dl4j = new Diagnostics(dl4jWarnings::add);
        new Trainer(TrainingObserver.SILENT).fit(network(1e-3, -5), GradientDescent.MINI_BATCH.iterator(DATA, 42),
                DATA, null, new TrainingPlan(30, 0, null, false, List.of(dl4j)));
        List<String> engineWarnings = new ArrayList<>();
        Diagnostics engine = new Diagnostics(engineWarnings::add);
        onEngine(network(1e-3, -5), engine, TrainingPlan.epochs(30));

        assertEquals(1, engineWarnings.stream().filter(w -> w.contains("ReLU units are dead")).count(),
                "once: " + engineWarnings);
        assertTrue(engineWarnings.get(0).startsWith("layer 0: ") && engineWarnings.get(0).contains("Leaky ReLU"),
                engineWarnings.toString());
        assertEquals(dl4jWarnings, engineWarnings, "the same warnings as DL4J's run");
        List<LayerStats> a = dl4j.history(), b = engine.history();
        assertEquals(a.size(), b.size(), "a row per layer at the same checks");
        for (int i = 0; i < a.size(); i++) {
            LayerStats x = a.get(i), y = b.get(i);
            assertEquals(List.of(x.iteration(), x.epoch(), x.layer(), x.activation()),
                    List.of(y.iteration(), y.epoch(), y.layer(), y.activation()));
            close(x.deadFraction(), y.deadFraction(), 1e-9, "dead share, row " + i);
            close(x.activationMean(), y.activationMean(), 1e-4, "output mean, row " + i);
            close(x.activationStd(), y.activationStd(), 1e-4, "output std, row " + i);
            close(x.gradientNorm(), y.gradientNorm(), 1e-3, "gradient norm, row " + i);
            close(x.updateRatio(), y.updateRatio(), 1e-2, "update ratio, row " + i);
        }
    }

    @Test
    void aRunResumedFromACheckpointEndsAsTheUninterruptedRun() {
        MultiLayerNetwork whole = network(0.01, 0);
        TrainingResult uninterrupted = onEngine(whole, null,
                new TrainingPlan(8, 3, new Checkpoints(dir.resolve("whole"), 2, 3), false, List.of()));

        Checkpoints interrupted = new Checkpoints(dir.resolve("interrupted"), 2, 3);
        onEngine(network(0.01, 0), null, new TrainingPlan(5, 3, interrupted, false, List.of()));
        assertEquals("epoch-0004", interrupted.latest().orElseThrow().getFileName().toString());
        MultiLayerNetwork resumed = network(0.01, 0);
        TrainingResult continued = onEngine(resumed, null, new TrainingPlan(8, 3, interrupted, true, List.of()));

        assertEquals(4, continued.resumedFrom());
        assertEquals(uninterrupted.history().toCsv(), continued.history().toCsv());
        assertEquals(whole.getIterationCount(), resumed.getIterationCount());
        assertArrayEquals(whole.params().toFloatVector(), resumed.params().toFloatVector(), 0f,
                "exactly the parameters of the uninterrupted run");
        assertArrayEquals(whole.getUpdater().getStateViewArray().toFloatVector(),
                resumed.getUpdater().getStateViewArray().toFloatVector(), 0f, "and its Adam state");
    }

    @Test
    void dl4jsAdamContinuesFromTheStateTheEngineHandsOver() {
        MultiLayerNetwork handed = network(0.01, 0);
        onEngine(handed, null, TrainingPlan.epochs(3));
        MultiLayerNetwork zeroed = handed.clone();
        zeroed.getUpdater().getStateViewArray().assign(0);
        new Trainer(TrainingObserver.SILENT).fit(handed, GradientDescent.MINI_BATCH.iterator(DATA, 42), 4);
        new Trainer(TrainingObserver.SILENT).fit(zeroed, GradientDescent.MINI_BATCH.iterator(DATA, 42), 4);
        MultiLayerNetwork engine = network(0.01, 0);
        onEngine(engine, null, TrainingPlan.epochs(4));

        double handedOff = maxDifference(engine, handed), zeroedOff = maxDifference(engine, zeroed);
        assertTrue(handedOff < 1e-5, "DL4J's 4th epoch from the handed-over m, v, t matches the engine's: " + handedOff);
        assertTrue(zeroedOff > 100 * handedOff, "without that state it would not: " + zeroedOff);
    }

    @Test
    void aNonFiniteLossStopsAtItsIterationOnTheCpuAndSaysWhenCheckedPerEpoch() {
        DataSet poisoned = DATA.copy();
        poisoned.getFeatures().putScalar(57, 2, Float.NaN); // one row: its batch's loss is NaN
        assertTrue(batchOf(poisoned) > 0, "not the epoch's first batch, so the two checks name different iterations");
        TrainingDiverged perStep = divergence(poisoned, true), perEpoch = divergence(poisoned, false);
        assertEquals(List.of(1, batchOf(poisoned)), List.of(perStep.epoch(), perStep.iteration()),
                "per step: the poisoned batch's iteration: " + perStep.getMessage());
        assertTrue(perStep.getMessage().startsWith("training diverged in epoch 1, iteration " + perStep.iteration()
                + ": the loss is NaN — "), perStep.getMessage());
        assertEquals(List.of(1, 0), List.of(perEpoch.epoch(), perEpoch.iteration()),
                "per epoch: the epoch's first iteration: " + perEpoch.getMessage());
        assertTrue(perEpoch.getMessage().startsWith("training diverged in epoch 1, iteration 0: the loss is NaN "
                + "(checked once per epoch: "), perEpoch.getMessage());
    }

    /** 4-8-3 with sigmoid units (they pass a NaN on, where ReLU would drop it) on the engine. */
    private static TrainingDiverged divergence(DataSet data, boolean checkEveryStep) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        try (Device cpu = Devices.cpu()) {
            return assertThrows(TrainingDiverged.class, () -> new Trainer(TrainingObserver.SILENT,
                    new EngineTrainer(cpu, null, checkEveryStep)).fit(net, GradientDescent.MINI_BATCH.iterator(data, 42),
                    data, null, TrainingPlan.epochs(3)));
        }
    }

    /** The 0-based index, in epoch 0, of the batch with a NaN feature. */
    private static int batchOf(DataSet data) {
        EpochIterator batches = GradientDescent.MINI_BATCH.iterator(data, 42);
        batches.startEpoch(0);
        for (int i = 0; batches.hasNext(); i++) {
            if (Double.isNaN(batches.next().getFeatures().sumNumber().doubleValue())) {
                return i;
            }
        }
        throw new AssertionError("no batch holds the NaN");
    }

    /** Both NaN (not measured), or equal within {@code relative} of the larger. */
    private static void close(double expected, double actual, double relative, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": " + actual);
        } else {
            assertEquals(expected, actual, relative * Math.max(1e-6, Math.abs(expected)), what);
        }
    }

    private static double maxDifference(MultiLayerNetwork a, MultiLayerNetwork b) {
        double[] x = a.params().toDoubleVector(), y = b.params().toDoubleVector();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
