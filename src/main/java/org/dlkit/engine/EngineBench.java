package org.dlkit.engine;

import org.dlkit.backend.BenchSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training throughput of dlkit's engine on a device: the standard MLP 784-512-256-10 (ReLU, softmax + MCXENT, Adam
 * 1e-3, He-initialised from the seed) on seeded synthetic batches that stay on the device, as {@code dlkit bench}
 * measures DL4J. Time is read only after the device has finished the steps counted.
 */
public final class EngineBench {

    /** Steps run between two waits for the device. */
    static final int CHUNK = 10;
    /** Distinct synthetic batches cycled through. */
    static final int BATCHES = 8;

    private EngineBench() {
    }

    /** Steps, seconds measured and examples per second. */
    public record Result(long steps, double seconds, double examplesPerSecond) {
    }

    /** The standard MLP with He-initialised weights drawn from {@code seed}. */
    public static MlpSpec standardMlp(long seed) {
        return mlp(new int[]{784, 512, 256, 10}, Nonlinearity.RELU, Optimizer.adam(1e-3, 0.9, 0.999, 1e-8), 0, seed);
    }

    /** An MLP of the given sizes, hidden activation f, softmax + MCXENT, He-initialised from {@code seed}. */
    public static MlpSpec mlp(int[] sizes, Nonlinearity f, Optimizer optimizer, double l2, long seed) {
        Random random = new Random(seed);
        List<MlpSpec.Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            double[] w = new double[sizes[i] * sizes[i + 1]];
            double scale = Math.sqrt(2.0 / sizes[i]);
            for (int k = 0; k < w.length; k++) {
                w[k] = random.nextGaussian() * scale;
            }
            double[] b = new double[sizes[i + 1]];
            for (int k = 0; k < b.length; k++) {
                b[k] = 0.01 * random.nextGaussian();
            }
            boolean output = i + 2 == sizes.length;
            layers.add(new MlpSpec.Layer(sizes[i], sizes[i + 1], output ? Nonlinearity.IDENTITY : f, 0.01, w, b));
        }
        return new MlpSpec(layers, OutputLoss.SOFTMAX_MCXENT, l2, optimizer);
    }

    /** Seeded standard-normal features and one-hot labels, row-major, for {@code rows} examples. */
    public static float[][] syntheticBatch(int rows, int inputs, int classes, Random random) {
        float[] x = new float[rows * inputs], y = new float[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            y[r * classes + random.nextInt(classes)] = 1;
        }
        return new float[][]{x, y};
    }

    /**
     * Trains for {@code warmup} seconds, then counts steps for {@code seconds}.
     *
     * @throws org.dlkit.error.DlkitException on a batch, time or warm-up that {@link BenchSettings#check} refuses
     */
    public static Result measure(Device device, int batch, double seconds, double warmup, long seed) {
        BenchSettings.check(batch, seconds, warmup);
        MlpSpec spec = standardMlp(seed);
        EngineNetwork net = new EngineNetwork(device, spec, batch);
        Random random = new Random(seed + 1);
        List<Matrix[]> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            float[][] xy = syntheticBatch(batch, spec.inputs(), spec.outputs(), random);
            Matrix x = device.allocate(batch, spec.inputs()), y = device.allocate(batch, spec.outputs());
            device.upload(xy[0], x);
            device.upload(xy[1], y);
            batches.add(new Matrix[]{x, y});
        }
        run(net, batches, warmup);
        long start = System.nanoTime();
        long steps = run(net, batches, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(steps, elapsed, steps * (double) batch / elapsed);
    }

    private static long run(EngineNetwork net, List<Matrix[]> batches, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long steps = 0;
        do {
            for (int i = 0; i < CHUNK; i++, steps++) {
                Matrix[] b = batches.get((int) (steps % batches.size()));
                net.use(b[0], b[1]);
                net.trainStep(net.maxBatch());
            }
            double loss = net.takeLossSum();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the benchmark's loss became " + loss);
            }
        } while (System.nanoTime() < end);
        return steps;
    }
}
