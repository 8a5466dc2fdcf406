package org.dlkit.experiment;

import org.dlkit.init.WeightInitStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.error.DlkitException;
import org.dlkit.activation.ActivationChoice;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.OutputChoice;
import org.dlkit.activation.Task;
import org.dlkit.init.WeightInitChoice;
import org.dlkit.network.NetworkSpec;
import org.dlkit.activation.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Card 31 measured: push unit-normal inputs through a deep stack of equal-width layers (10 × 500 by default) and
 * record each layer's activation mean and standard deviation, for a weight-init strategy and an activation.
 *
 * <p>The classic outcomes (CS231n): with 0.01·N(0,1) and tanh the std shrinks by ≈ 0.22 per layer and collapses to
 * 0; Xavier keeps tanh's std in a useful range; with ReLU, Xavier halves the variance at each layer while He keeps
 * it; zero init leaves every unit identical, even after training ({@link #symmetryAfterTraining}).
 *
 * <p>The network is a DL4J {@code MultiLayerNetwork} (DOUBLE, biases 0, SGD) built through {@link NetworkSpec} from
 * the strategies' own DL4J weight inits, with a 3-class softmax output layer so that it can train; the statistics are DL4J's
 * {@code feedForward} activations of the hidden layers.
 */
public final class InitExperiment {

    /** The output classes of the experiment network; {@link #labels} says how each row gets one. */
    static final int CLASSES = 3;

    private InitExperiment() {
    }

    /**
     * The experiment's size.
     *
     * @param layers  hidden layers, each of {@code units} units
     * @param units   units per layer, and input features
     * @param samples unit-normal input rows
     * @param seed    for the inputs and the weights
     */
    public record Settings(int layers, int units, int samples, long seed) {

        public Settings {
            requirePositive("layers", layers);
            requirePositive("units", units);
            requirePositive("samples", samples);
        }

        /** 10 layers of 500 units, 300 samples, seed 42. */
        public static Settings standard() {
            return new Settings(10, 500, 300, 42);
        }

        private static void requirePositive(String parameter, int value) {
            if (value < 1) {
                throw new DlkitException(parameter + " must be at least 1, got " + value);
            }
        }
    }

    /** One hidden layer's activation statistics over every sample and unit; {@code layer} counts from 1. */
    public record LayerStats(int layer, double mean, double std) {
    }

    /** The per-layer statistics for one strategy and one activation. */
    public record Result(WeightInitStrategy init, ActivationFunction activation, List<LayerStats> layers) {

        public Result {
            layers = List.copyOf(layers);
        }

        /** std of the last layer / std of the first: near 1 keeps the scale, near 0 collapses; NaN when both are 0. */
        public double lastOverFirst() {
            return layers.get(layers.size() - 1).std() / layers.get(0).std();
        }

        /**
         * The outcome in words, from {@link #lastOverFirst()}: "no spread: every unit outputs the same value" (std
         * 0), "collapses" (&lt; 0.01), "shrinks" (&lt; 0.2), "shrinks slowly" (&lt; 0.5), "keeps its scale" (0.5 to
         * 2), "explodes" (&gt; 2).
         */
        public String verdict() {
            double r = lastOverFirst();
            if (Double.isNaN(r) || layers.get(0).std() == 0) {
                return "no spread: every unit outputs the same value";
            }
            return r < 0.01 ? "collapses" : r < 0.2 ? "shrinks" : r < 0.5 ? "shrinks slowly"
                    : r <= 2 ? "keeps its scale" : "explodes";
        }
    }

    /**
     * After some training steps, how different the units of each hidden layer are.
     *
     * @param steps        SGD updates made
     * @param unitSpread   per hidden layer: the largest |a_k − a_0| between any unit k's activation and unit 0's,
     *                     over every sample (0 when the layer's units are identical)
     * @param weightChange per hidden layer, the sum of |ΔW| over its weights: shows whether the steps changed them
     */
    public record Symmetry(int steps, double[] unitSpread, double[] weightChange) {

        /** Below this, a spread is rounding error, not a difference learnt by a unit. */
        public static final double IDENTICAL = 1e-9;

        /** True when every hidden layer's units are still identical. */
        public boolean unbroken() {
            for (double s : unitSpread) {
                if (s > IDENTICAL) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Per-layer mean and std of the hidden activations for one strategy and one activation. */
    public static Result run(Settings settings, WeightInitStrategy init, ActivationFunction activation) {
        MultiLayerNetwork net = network(settings, init, activation);
        List<INDArray> activations = net.feedForward(inputs(settings), false);
        List<LayerStats> stats = new ArrayList<>();
        for (int layer = 1; layer <= settings.layers(); layer++) {
            INDArray a = activations.get(layer);
            stats.add(new LayerStats(layer, a.meanNumber().doubleValue(), a.stdNumber().doubleValue()));
        }
        return new Result(init, activation, stats);
    }

    /** {@link #run} for every strategy × activation, strategies outermost. */
    public static List<Result> runAll(Settings settings, List<WeightInitStrategy> inits,
                                      List<ActivationFunction> activations) {
        List<Result> results = new ArrayList<>();
        for (WeightInitStrategy init : inits) {
            for (ActivationFunction activation : activations) {
                results.add(run(settings, init, activation));
            }
        }
        return results;
    }

    /**
     * Train {@code steps} full-batch SGD updates (learning rate 0.1) on the experiment's inputs, then measure how
     * different each hidden layer's units have become.
     */
    public static Symmetry symmetryAfterTraining(Settings settings, WeightInitStrategy init,
                                                 ActivationFunction activation, int steps) {
        if (steps < 0) {
            throw new DlkitException("steps must be 0 or more, got " + steps);
        }
        MultiLayerNetwork net = network(settings, init, activation);
        INDArray x = inputs(settings);
        DataSet data = new DataSet(x, labels(x));
        List<INDArray> before = hiddenWeights(net, settings, true);
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        List<INDArray> after = hiddenWeights(net, settings, false);
        double[] change = new double[settings.layers()];
        for (int i = 0; i < change.length; i++) {
            change[i] = after.get(i).sub(before.get(i)).norm1Number().doubleValue();
        }
        List<INDArray> activations = net.feedForward(x, false);
        double[] spread = new double[settings.layers()];
        for (int layer = 1; layer <= settings.layers(); layer++) {
            INDArray a = activations.get(layer);
            INDArray firstUnit = a.getColumn(0).reshape(a.rows(), 1);
            spread[layer - 1] = a.subColumnVector(firstUnit).amaxNumber().doubleValue();
        }
        return new Symmetry(steps, spread, change);
    }

    /** The experiment's network: {@code layers} dense layers of {@code units}, then a softmax output layer. */
    public static MultiLayerNetwork network(Settings settings, WeightInitStrategy init, ActivationFunction activation) {
        MultiLayerNetwork net = new MultiLayerNetwork(spec(settings, init, activation).toConfiguration());
        net.init();
        return net;
    }

    /** The experiment's network as a {@link NetworkSpec}: every layer gets {@code init}, the hidden ones {@code activation}. */
    public static NetworkSpec spec(Settings settings, WeightInitStrategy init, ActivationFunction activation) {
        WeightInitChoice chosen = init.chosen();
        List<NetworkSpec.Hidden> hidden = new ArrayList<>();
        for (int i = 0; i < settings.layers(); i++) {
            hidden.add(new NetworkSpec.Hidden(settings.units(),
                    new ActivationChoice(activation, "the activation under study"), chosen));
        }
        OutputChoice output = new OutputChoice(Task.MULTI_CLASS, Activations.SOFTMAX, LossFunction.MCXENT,
                "a classifier's output, so that the network can train");
        return new NetworkSpec(settings.units(), hidden, new NetworkSpec.Output(CLASSES, output, chosen), new Sgd(0.1),
                0, settings.seed(), DataType.DOUBLE, List.of());
    }

    /** {@code samples} × {@code units} draws from N(0, 1), from the settings' seed. */
    static INDArray inputs(Settings settings) {
        Random random = new Random(settings.seed());
        double[][] x = new double[settings.samples()][settings.units()];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(x);
    }

    /**
     * One-hot labels, learnable rather than noise: the class is the index of the largest of the first three inputs;
     * with fewer than three inputs (a stack 1 or 2 units wide), the tertile of the first input (below −0.43, up to
     * 0.43, above: three classes of about a third each for N(0, 1) inputs).
     */
    static INDArray labels(INDArray x) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, x.rows(), CLASSES);
        for (int r = 0; r < x.rows(); r++) {
            y.putScalar(r, x.columns() >= CLASSES ? largestOfFirstThree(x, r) : tertileOfFirst(x.getDouble(r, 0)), 1.0);
        }
        return y;
    }

    /** The index of the largest of row {@code r}'s first three inputs. */
    private static int largestOfFirstThree(INDArray x, int r) {
        int best = 0;
        for (int c = 1; c < CLASSES; c++) {
            if (x.getDouble(r, c) > x.getDouble(r, best)) {
                best = c;
            }
        }
        return best;
    }

    /** 0 below −{@link #TERTILE}, 1 up to {@link #TERTILE}, 2 above. */
    private static int tertileOfFirst(double first) {
        return first < -TERTILE ? 0 : first <= TERTILE ? 1 : 2;
    }

    /** The upper tertile of N(0, 1): Φ⁻¹(2/3). */
    private static final double TERTILE = 0.4307272992954576;

    private static List<INDArray> hiddenWeights(MultiLayerNetwork net, Settings settings, boolean copy) {
        List<INDArray> w = new ArrayList<>();
        for (int i = 0; i < settings.layers(); i++) {
            INDArray p = net.getLayer(i).getParam("W");
            w.add(copy ? p.dup() : p);
        }
        return w;
    }
}
