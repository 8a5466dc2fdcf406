package org.dlkit.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.GradientDescent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OnePassAdam} computes DL4J's Adam: the same parameters and the same updater state (m, v) as DL4J's
 * {@link AdamUpdater} after many steps on the same seed, within float rounding; a model saved while it trains is plain
 * DL4J (its configuration says {@code Adam}, its state loads into DL4J's updater) and resumes to the same result.
 */
class OnePassAdamTest {

    /** Float rounding: the update differs from the fused op's by ≈ 2e-7 relative (one rounding in another order). */
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    private static MultiLayerNetwork network(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(type).updater(new Adam(1e-2)).weightInit(WeightInit.RELU).l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(48).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(48).nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(24).nOut(4).activation(Activation.SOFTMAX)
                        .updater(new Adam(3e-3, 0.8, 0.99, 1e-6)).build())   // a second updater block, at an offset
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data(DataType type, int rows) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(type, rows, 20);
        INDArray labels = Nd4j.zeros(type, rows, 4);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, (i * 7 + (x.getDouble(i, 0) > 0 ? 1 : 0)) % 4, 1.0);
        }
        return new DataSet(x, labels);
    }

    private static DataSet batch(DataSet data, int step) {
        int start = (step * 16) % data.numExamples();
        return (DataSet) data.getRange(start, start + 16);
    }

    private static List<UpdaterBlock> blocks(MultiLayerNetwork net) {
        return ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks();
    }

    private static Set<Class<?>> updaterClasses(MultiLayerNetwork net) {
        Set<Class<?>> classes = new HashSet<>();
        for (UpdaterBlock block : blocks(net)) {
            GradientUpdater<?> updater = block.getGradientUpdater();
            classes.add(updater.getClass());
        }
        return classes;
    }

    /** max |a − b| / max |a|. */
    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / a.amaxNumber().doubleValue();
    }

    private static void assertSameAdam(MultiLayerNetwork expected, MultiLayerNetwork actual) {
        assertTrue(relativeDifference(expected.params(), actual.params()) <= TOLERANCE,
                "parameters differ by " + relativeDifference(expected.params(), actual.params()));
        List<UpdaterBlock> expectedBlocks = blocks(expected);
        List<UpdaterBlock> actualBlocks = blocks(actual);
        assertEquals(expectedBlocks.size(), actualBlocks.size());
        for (int i = 0; i < expectedBlocks.size(); i++) {   // m and v of each block, each on its own scale
            AdamUpdater e = (AdamUpdater) expectedBlocks.get(i).getGradientUpdater();
            AdamUpdater a = (AdamUpdater) actualBlocks.get(i).getGradientUpdater();
            for (INDArray[] pair : List.of(new INDArray[] {e.getM(), a.getM()}, new INDArray[] {e.getV(), a.getV()})) {
                assertTrue(pair[0].amaxNumber().doubleValue() > 0, "the state should have moved from zero");
                assertTrue(relativeDifference(pair[0], pair[1]) <= TOLERANCE,
                        "updater state differs by " + relativeDifference(pair[0], pair[1]));
            }
        }
    }

    @Test
    void fiftyStepsGiveDl4jAdamsParametersAndState() {
        DataSet data = data(DataType.FLOAT, 128);
        MultiLayerNetwork dl4j = network(DataType.FLOAT);
        MultiLayerNetwork onePass = network(DataType.FLOAT);
        assertEquals(dl4j.params(), onePass.params());
        assertEquals(2, OnePassAdam.install(onePass));
        assertEquals(Set.of(AdamUpdater.class), updaterClasses(dl4j));
        assertEquals(Set.of(OnePassAdam.class), updaterClasses(onePass));
        double firstLoss = Double.NaN;
        for (int step = 0; step < 50; step++) {
            dl4j.fit(batch(data, step));
            onePass.fit(batch(data, step));
            firstLoss = step == 0 ? dl4j.score() : firstLoss;
        }
        assertTrue(dl4j.score() < firstLoss, "the network should have learned something");
        assertEquals(Set.of(OnePassAdam.class), updaterClasses(onePass));
        assertSameAdam(dl4j, onePass);
    }

    @Test
    void aDoubleNetworkGoesToDl4jsOwnOpAndGetsTheSameResult() {
        DataSet data = data(DataType.DOUBLE, 64);
        MultiLayerNetwork dl4j = network(DataType.DOUBLE);
        MultiLayerNetwork onePass = network(DataType.DOUBLE);
        OnePassAdam.install(onePass);
        for (int step = 0; step < 10; step++) {
            dl4j.fit(batch(data, step));
            onePass.fit(batch(data, step));
        }
        assertEquals(dl4j.params(), onePass.params());
        assertEquals(dl4j.getUpdater().getStateViewArray(), onePass.getUpdater().getStateViewArray());
    }

    @Test
    void aModelSavedWhileTrainingIsPlainDl4jAdamAndResumesTheSame() throws IOException {
        DataSet data = data(DataType.FLOAT, 128);
        MultiLayerNetwork onePass = network(DataType.FLOAT);
        OnePassAdam.install(onePass);
        for (int step = 0; step < 20; step++) {
            onePass.fit(batch(data, step));
        }
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(onePass, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        for (int i = 0; i < restored.getnLayers(); i++) {
            BaseLayer layer = (BaseLayer) restored.getLayerWiseConfigurations().getConf(i).getLayer();
            assertEquals(Adam.class, layer.getIUpdater().getClass());
        }
        assertEquals(Set.of(AdamUpdater.class), updaterClasses(restored));
        assertEquals(onePass.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(onePass.params(), restored.params());

        for (int step = 20; step < 40; step++) {   // DL4J's own Adam continues where dlkit's stopped
            restored.fit(batch(data, step));
            onePass.fit(batch(data, step));
        }
        assertSameAdam(restored, onePass);
    }

    @Test
    void trainerUsesItWhileTrainingAndResumesFromACheckpointToTheSameParameters() {
        DataSet data = data(DataType.FLOAT, 96);
        Set<Class<?>> seenWhileTraining = new HashSet<>();
        BaseTrainingListener spy = new BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                seenWhileTraining.addAll(updaterClasses((MultiLayerNetwork) model));
            }
        };
        MultiLayerNetwork straight = network(DataType.FLOAT);
        new Trainer(TrainingObserver.SILENT).fit(straight, iterator(data), null, null,
                new TrainingPlan(4, 0, null, false, List.of(spy)));
        assertEquals(Set.of(OnePassAdam.class), seenWhileTraining);
        assertEquals(Set.of(AdamUpdater.class), updaterClasses(straight));

        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"), 1, 5);
        MultiLayerNetwork interrupted = network(DataType.FLOAT);
        new Trainer(TrainingObserver.SILENT).fit(interrupted, iterator(data), null, null,
                new TrainingPlan(2, 0, checkpoints, false, List.of()));
        MultiLayerNetwork resumed = network(DataType.FLOAT);
        new Trainer(TrainingObserver.SILENT).fit(resumed, iterator(data), null, null,
                new TrainingPlan(4, 0, checkpoints, true, List.of()));
        assertEquals(straight.params(), resumed.params());
        assertEquals(straight.getUpdater().getStateViewArray(), resumed.getUpdater().getStateViewArray());

        MultiLayerNetwork plain = network(DataType.FLOAT);   // DL4J's own fit loop over the same batches
        EpochIterator batches = iterator(data);
        for (int epoch = 0; epoch < 4; epoch++) {
            batches.startEpoch(epoch);
            while (batches.hasNext()) {
                plain.fit(batches.next());
            }
            plain.incrementEpochCount();
        }
        assertSameAdam(plain, straight);
    }

    private static EpochIterator iterator(DataSet data) {
        return GradientDescent.miniBatch(16).iterator(data, 3);
    }

    @Test
    void stepSizeIsDl4jsAndFallsBackToEpsilon() {
        assertEquals(1e-3f * (float) Math.sqrt(1f - 0.999f) / (1f - 0.9f), OnePassAdam.rateAt(1, 1e-3f, 0.9f, 0.999f,
                1e-8f));
        assertEquals(1e-8f, OnePassAdam.rateAt(1, 0f, 0.9f, 0.999f, 1e-8f));
    }
}
