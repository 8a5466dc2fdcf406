package org.dlkit.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short run on the float CPU device against DL4J (float, the same initial weights and the same batches): wine, 178
 * rows standardised, 13-16-8-3 with each of ReLU and the functions added after it (GELU, mish, hard sigmoid, hard
 * tanh, ReLU6) in the hidden layers, softmax + MCXENT, Adam 0.01, batches of 32 (the last one 18 rows), 30 epochs.
 * Every epoch's mean batch loss agrees within {@value #CURVE} relative, the loss falls below a quarter of the
 * first epoch's, and both reach the same training accuracy (within one example), at least 95%.
 */
class CpuFloatTrainingTest {

    static final double CURVE = 1e-3;
    static final int BATCH = 32;
    static final int EPOCHS = 30;

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"RELU", "GELU", "MISH", "HARDSIGMOID", "HARDTANH", "RELU6"})
    void aShortWineRunTracksDl4jsLossCurveAndAccuracy(Activation hidden) throws IOException {
        float[][] xy = wine();
        float[] x = xy[0], y = xy[1];
        int rows = y.length / 3;
        MultiLayerNetwork dl4j = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(13).nOut(16).activation(hidden).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        dl4j.init();
        EngineNetwork engine = new EngineNetwork(Devices.cpuFloat(), Dl4jMlp.of(dl4j), BATCH);
        double[] engineCurve = new double[EPOCHS], dl4jCurve = new double[EPOCHS];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int batches = 0;
            for (int start = 0; start < rows; start += BATCH, batches++) {
                int n = Math.min(BATCH, rows - start);
                float[] bx = slice(x, start, n, 13), by = slice(y, start, n, 3);
                engine.load(bx, by, n);
                engine.trainStep(n);
                engineCurve[epoch] += engine.takeLossSum() / n;
                dl4j.fit(new DataSet(Nd4j.create(bx, new long[]{n, 13}), Nd4j.create(by, new long[]{n, 3})));
                dl4jCurve[epoch] += dl4j.score();
            }
            engineCurve[epoch] /= batches;
            dl4jCurve[epoch] /= batches;
            assertEquals(dl4jCurve[epoch], engineCurve[epoch], CURVE * dl4jCurve[epoch], hidden + ", epoch " + epoch);
        }
        assertTrue(engineCurve[EPOCHS - 1] < 0.25 * engineCurve[0], engineCurve[0] + " -> " + engineCurve[EPOCHS - 1]);
        int engineRight = 0, dl4jRight = 0;
        INDArray out = dl4j.output(Nd4j.create(x, new long[]{rows, 13}));
        for (int start = 0; start < rows; start += BATCH) {
            int n = Math.min(BATCH, rows - start);
            engine.load(slice(x, start, n, 13), null, n);
            engine.forward(n, false);
            double[] p = engine.outputs(n);
            for (int r = 0; r < n; r++) {
                int label = argmax(y, (start + r) * 3);
                engineRight += argmax(p, r * 3) == label ? 1 : 0;
                dl4jRight += out.getRow(start + r).argMax().getInt(0) == label ? 1 : 0;
            }
        }
        assertTrue(Math.abs(engineRight - dl4jRight) <= 1, engineRight + " vs DL4J's " + dl4jRight + " right");
        assertTrue(engineRight >= 0.95 * rows, engineRight + " of " + rows + " right");
    }

    /** datasets/wine.csv: standardised features and one-hot classes, rows shuffled with a fixed seed. */
    static float[][] wine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("datasets/wine.csv")));
        lines.remove(0);
        Collections.shuffle(lines, new Random(3));
        int rows = lines.size();
        float[] x = new float[rows * 13], y = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r).split(",");
            for (int j = 0; j < 13; j++) {
                x[r * 13 + j] = Float.parseFloat(cells[j]);
            }
            y[r * 3 + Integer.parseInt(cells[13].substring("class_".length()))] = 1;
        }
        for (int j = 0; j < 13; j++) {
            double sum = 0, squares = 0;
            for (int r = 0; r < rows; r++) {
                sum += x[r * 13 + j];
                squares += x[r * 13 + j] * (double) x[r * 13 + j];
            }
            double mean = sum / rows, sd = Math.sqrt(squares / rows - mean * mean);
            for (int r = 0; r < rows; r++) {
                x[r * 13 + j] = (float) ((x[r * 13 + j] - mean) / sd);
            }
        }
        return new float[][]{x, y};
    }

    private static float[] slice(float[] values, int startRow, int rows, int cols) {
        float[] out = new float[rows * cols];
        System.arraycopy(values, startRow * cols, out, 0, out.length);
        return out;
    }

    private static int argmax(float[] v, int at) {
        return v[at] >= v[at + 1] && v[at] >= v[at + 2] ? 0 : v[at + 1] >= v[at + 2] ? 1 : 2;
    }

    private static int argmax(double[] v, int at) {
        return v[at] >= v[at + 1] && v[at] >= v[at + 2] ? 0 : v[at + 1] >= v[at + 2] ? 1 : 2;
    }
}
