package org.dlkit.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.ActivationRule;
import org.dlkit.network.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Training throughput (card 8, CPU vs GPU): examples per second of the standard MLP 784-512-256-10 (ReLU, softmax,
 * He init, Adam 1e-3, fp32, built by {@link NetworkSpec}) on synthetic seeded data, on whatever backend ND4J runs.
 *
 * <p>examples/s = steps × batch / seconds, timed after a warm-up (JIT, workspaces, GPU kernels) and after ND4J has
 * finished its queued work ({@code commit()}, which matters on CUDA where ops run asynchronously).
 */
public final class Throughput {

    /** The standard MLP's layer sizes. */
    static final int[] LAYERS = {784, 512, 256, 10};

    /** Distinct synthetic mini-batches cycled through (enough that no batch stays in cache between its uses). */
    private static final int BATCHES = 8;

    /**
     * One measurement.
     *
     * @param backend           the ND4J backend class that ran it
     * @param batch             examples per step
     * @param steps             timed steps
     * @param seconds           timed seconds
     * @param examplesPerSecond steps × batch / seconds
     */
    public record Result(String backend, int batch, long steps, double seconds, double examplesPerSecond) {
    }

    private Throughput() {
    }

    /** Trains for {@code warmupSeconds}, then measures for {@code seconds}; starts ND4J if it has not started. */
    public static Result measure(int batch, double seconds, double warmupSeconds, long seed) {
        BenchSettings.check(batch, seconds, warmupSeconds);
        MultiLayerNetwork net = standardMlp(seed);
        List<DataSet> data = syntheticBatches(batch, seed);
        train(net, data, warmupSeconds);
        long start = System.nanoTime();
        long steps = train(net, data, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(Nd4j.getBackend().getClass().getSimpleName(), batch, steps, elapsed,
                steps * batch / elapsed);
    }

    /** Fits mini-batches until {@code seconds} have passed (at least one step); returns the number of steps. */
    private static long train(MultiLayerNetwork net, List<DataSet> data, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long steps = 0;
        do {
            net.fit(data.get((int) (steps % data.size())));
            steps++;
        } while (System.nanoTime() < end);
        Nd4j.getExecutioner().commit();
        return steps;
    }

    /** 784-512-256-10 as {@link NetworkSpec} builds it: ReLU hidden layers (He init), softmax + cross-entropy, Adam 1e-3, fp32. */
    static MultiLayerNetwork standardMlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(standardSpec(new Adam(1e-3), seed).toConfiguration());
        net.init();
        return net;
    }

    /** Parameters of the standard MLP: weights and biases of its three layers. */
    public static long standardParameters() {
        long parameters = 0;
        for (int i = 0; i + 1 < LAYERS.length; i++) {
            parameters += (long) LAYERS[i] * LAYERS[i + 1] + LAYERS[i + 1];
        }
        return parameters;
    }

    /** The standard MLP's spec with {@code updater}: the course's rule of thumb (ReLU hidden, softmax output), fp32. */
    public static NetworkSpec standardSpec(IUpdater updater, long seed) {
        return NetworkSpec.of(LAYERS[0], Arrays.copyOfRange(LAYERS, 1, LAYERS.length - 1), LAYERS[LAYERS.length - 1],
                ActivationRule.ruleOfThumb(), null, updater, 0, seed, DataType.FLOAT);
    }

    /** Uniform [0, 1) inputs and uniformly drawn one-hot labels, from {@code seed}. */
    static List<DataSet> syntheticBatches(int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Random labels = new Random(seed);
        int classes = LAYERS[LAYERS.length - 1];
        List<DataSet> data = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, batch, LAYERS[0]);
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, classes);
            for (int row = 0; row < batch; row++) {
                oneHot.putScalar(row, labels.nextInt(classes), 1f);
            }
            data.add(new DataSet(features, oneHot));
        }
        return data;
    }
}
