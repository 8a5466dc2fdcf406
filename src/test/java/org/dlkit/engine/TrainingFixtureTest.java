package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.Classifier;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes the training fixture the GPU check compares with (target/engine-fixture/training.bin, where
 * bin/cuda-check prepare takes it): digits through dlkit's pipeline, the Classifier's network (64-32-10, ReLU,
 * softmax, Adam 3e-3, L2 1e-4, seed 42), trained by DL4J for 15 epochs of batch 64 in order (from epoch 4 a test row
 * is so confidently wrong that DL4J's MCXENT caps its loss: the engine's does too). Then the engine's double
 * CPU device trains the same from the file and must track DL4J: each epoch's test objective within 1e-3 relative, the
 * accuracy within one test row.
 */
class TrainingFixtureTest {

    static final Path FILE = Path.of("target/engine-fixture/training.bin");
    static final int EPOCHS = 15;
    static final int BATCH = 64;

    @Test
    void writesTheTrainingFixtureForTheGpuCheck() throws Exception {
        LabelledData data = LabelledData.fromCsv(Path.of("datasets/digits.csv"), "digit");
        PreparedData prepared = PreparedData.of(data, new PreparedData.Split(0.2, 0, 42), w -> { });
        MultiLayerNetwork net = new MultiLayerNetwork(Classifier.builder().hidden(32).l2(1e-4).seed(42).build()
                .configuration(prepared.numInputs(), data.numClasses()));
        net.init();
        MlpSpec spec = Dl4jMlp.of(net);
        DataSet train = prepared.train(), test = prepared.test();
        int trainRows = train.numExamples();
        double[] losses = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            for (int start = 0; start < trainRows; start += BATCH) {
                int end = Math.min(trainRows, start + BATCH);
                net.fit(new DataSet(rows(train.getFeatures(), start, end), rows(train.getLabels(), start, end)));
            }
            losses[e] = net.score(test, false);
        }
        INDArray predicted = net.output(test.getFeatures()).argMax(1);
        double accuracy = predicted.eq(test.getLabels().argMax(1)).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
        TrainingFixture fixture = new TrainingFixture(spec, BATCH, EPOCHS, trainRows,
                train.getFeatures().data().asDouble(), train.getLabels().data().asDouble(), test.numExamples(),
                test.getFeatures().data().asDouble(), test.getLabels().data().asDouble(), losses, accuracy);
        fixture.write(FILE);

        TrainingFixture back = TrainingFixture.read(FILE);
        TrainingFixture.Run cpu = back.run(Devices.cpu());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(losses[e], cpu.testLoss()[e], 1e-3 * losses[e], "test objective after epoch " + (e + 1));
        }
        assertEquals(accuracy, cpu.accuracy(), 1.0 / back.testRows() + 1e-12);
        assertTrue(accuracy > 0.9, "DL4J learns digits: " + accuracy);
    }

    private static INDArray rows(INDArray m, int start, int end) {
        return m.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup();
    }
}
