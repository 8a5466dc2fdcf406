package org.dlkit.supervise;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dlkit.error.DlkitException;
import org.dlkit.text.SettingNames;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Supervises training the way the course teaches: every {@code every} iterations it measures, per layer, the mean and
 * standard deviation of the outputs, the share of dead units (ReLU, ReLU6) and of saturated ones (sigmoid, tanh,
 * softsign, hard sigmoid, hard tanh: {@link UnitKind}), the norm of the
 * weight gradient and the update-to-parameter ratio, and hands the rows to {@link FailureModes}, which names a failure
 * mode once, with the course's fix, through the warning callback.
 *
 * <p>It is a DL4J {@link org.deeplearning4j.optimize.api.TrainingListener}: it reads the activations of the training
 * forward pass ({@code onForwardPass}), the raw gradients before the updater changes them
 * ({@code onGradientCalculation}) and the applied update afterwards ({@code iterationDone}: DL4J leaves the update in
 * the gradient arrays), so it adds no forward or backward pass of its own. On other iterations it does nothing.
 *
 * <p>dlkit's engine, which trains outside DL4J's fit loop, feeds the same measurements from its own matrices through
 * {@link #outputs}, {@link #gradient} and {@link #checked}: the same rows, the same warnings.
 */
public final class Diagnostics extends BaseTrainingListener {

    /** Default interval between checks, in iterations; keeps the cost within a few per cent of training. */
    public static final int DEFAULT_EVERY = 10;

    private final int every;
    private final FailureModes failureModes;
    private final DiagnosticThresholds limits;
    private final List<LayerStats> history = new ArrayList<>();

    private int[][] examplesSinceActive;
    private double[] activationMean;
    private double[] activationStd;
    private double[] dead;
    private double[] saturated;
    private double[] gradientNorm;
    private double[] weightNorm;

    /**
     * Checks every {@code every} iterations against {@code limits}; warnings go to {@code warnings}, naming settings as
     * the {@code Classifier.Builder} methods ({@link SettingNames#JAVA}).
     */
    public Diagnostics(int every, DiagnosticThresholds limits, Consumer<String> warnings) {
        this(every, limits, SettingNames.JAVA, warnings);
    }

    /**
     * Checks every {@code every} iterations against {@code limits}; warnings go to {@code warnings}, and their advice
     * names settings as {@code names} does (the CLI's flags or the builder's methods).
     */
    public Diagnostics(int every, DiagnosticThresholds limits, SettingNames names, Consumer<String> warnings) {
        if (every <= 0) {
            throw new DlkitException("diagnostics interval " + every + " is invalid; expected a positive number of iterations");
        }
        this.every = every;
        this.limits = limits;
        this.failureModes = new FailureModes(limits, names, warnings);
    }

    /** Checks every {@link #DEFAULT_EVERY} iterations with the default thresholds. */
    public Diagnostics(Consumer<String> warnings) {
        this(DEFAULT_EVERY, DiagnosticThresholds.DEFAULT, warnings);
    }

    public DiagnosticThresholds thresholds() {
        return limits;
    }

    /** Every row measured so far, oldest first. */
    public List<LayerStats> history() {
        return List.copyOf(history);
    }

    /** The warnings given so far, in order. */
    public List<String> warnings() {
        return failureModes.given();
    }

    private boolean due(Model model) {
        return model instanceof MultiLayerNetwork net && due(net.getIterationCount());
    }

    /** Whether 0-based {@code iteration} is checked: every {@code every}-th, from the first. */
    public boolean due(int iteration) {
        return iteration % every == 0;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (!due(model)) {
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        // activations: the input, then the output of each layer but the last
        for (int layer = 0; layer + 1 < activations.size(); layer++) {
            INDArray a = activations.get(layer + 1);
            // one copy of the whole batch, row after row (toFloatMatrix copies row by row: one op per example)
            outputs(net, layer, EpochIterator.RowMajor.floats(a), (int) a.size(0));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!due(model)) {
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        Gradient gradient = net.gradient();
        // DL4J's gradient here is summed over the batch (its updater divides by the batch size): the mean loss's is
        // that over the batch size, as dlkit's engine computes it
        double batch = Math.max(1, net.getInputMiniBatchSize());
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            gradient(net, layer, norm(gradient.getGradientFor(layer + "_W")) / batch,
                    norm(net.getLayer(layer).getParam("W")));
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (!due(model)) {
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        Gradient update = net.gradient();
        double[] updateNorms = new double[net.getnLayers()];
        for (int layer = 0; layer < updateNorms.length; layer++) {
            updateNorms[layer] = norm(update.getGradientFor(layer + "_W"));
        }
        checked(net, iteration, epoch, updateNorms);
    }

    /*
     * A check fed from outside DL4J's fit loop (dlkit's engine) calls the three methods below in this order, as the
     * DL4J hooks above do: the training forward pass's outputs, the gradients before the update, the update.
     */

    /**
     * A check's first part: hidden layer {@code layer}'s outputs in the training forward pass, row-major
     * {@code y[example * units + unit]} for {@code examples} examples.
     */
    public void outputs(MultiLayerNetwork net, int layer, float[] y, int examples) {
        allocate(net);
        measureOutputs(layer, kind(net, layer), y, examples);
    }

    /** A check's second part: ‖∂L/∂W‖ of layer {@code layer} before the update (L2 not included) and ‖W‖. */
    public void gradient(MultiLayerNetwork net, int layer, double gradientNorm, double weightNorm) {
        allocate(net);
        this.gradientNorm[layer] = gradientNorm;
        this.weightNorm[layer] = weightNorm;
    }

    /**
     * A check's last part: ‖ΔW‖ of each layer's update at 0-based {@code iteration} of 0-based {@code epoch}; records
     * one row per layer and judges them ({@link FailureModes}).
     */
    public void checked(MultiLayerNetwork net, int iteration, int epoch, double[] updateNorms) {
        allocate(net);
        List<LayerStats> rows = new ArrayList<>();
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            double ratio = updateNorms[layer] / weightNorm[layer];
            rows.add(new LayerStats(iteration, epoch + 1, layer, activationName(net, layer), activationMean[layer],
                    activationStd[layer], dead[layer], saturated[layer], gradientNorm[layer], ratio));
        }
        history.addAll(rows);
        failureModes.check(rows, net);
        Arrays.fill(activationMean, Double.NaN);
        Arrays.fill(activationStd, Double.NaN);
        Arrays.fill(dead, Double.NaN);
        Arrays.fill(saturated, Double.NaN);
    }

    /**
     * Mean, std, dead share and saturated share of one layer's outputs, {@code y[example * units + unit]} for
     * {@code examples} examples.
     */
    private void measureOutputs(int layer, UnitKind kind, float[] y, int examples) {
        int units = y.length / examples;
        double sum = 0;
        double sumSq = 0;
        int[] flat = new int[units];
        boolean[] active = new boolean[units];
        boolean dies = kind.dies();
        boolean saturates = kind.saturates();
        for (int row = 0, i = 0; row < examples; row++) {
            for (int u = 0; u < units; u++, i++) {
                double v = y[i];
                sum += v;
                sumSq += v * v;
                active[u] |= dies && !kind.flat(v);
                if (saturates && kind.derivativeShare(v) < limits.saturatedDerivative()) {
                    flat[u]++;
                }
            }
        }
        double n = y.length;
        activationMean[layer] = sum / n;
        activationStd[layer] = Math.sqrt(Math.max(0, sumSq / n - activationMean[layer] * activationMean[layer]));
        if (dies) {
            int[] since = examplesSinceActive[layer];
            int deadUnits = 0;
            for (int u = 0; u < units; u++) {
                since[u] = active[u] ? 0 : since[u] + examples;
                deadUnits += since[u] >= limits.deadWindow() ? 1 : 0;
            }
            dead[layer] = deadUnits / (double) units;
        }
        if (kind.saturates()) {
            int saturatedUnits = 0;
            for (int u = 0; u < units; u++) {
                saturatedUnits += flat[u] >= DiagnosticThresholds.SATURATED_SHARE_OF_BATCH * examples ? 1 : 0;
            }
            saturated[layer] = saturatedUnits / (double) units;
        }
    }

    private void allocate(MultiLayerNetwork net) {
        int layers = net.getnLayers();
        if (gradientNorm != null && gradientNorm.length == layers) {
            return;
        }
        examplesSinceActive = new int[layers][];
        for (int layer = 0; layer < layers; layer++) {
            examplesSinceActive[layer] = new int[(int) net.layerSize(layer)];
        }
        activationMean = nans(layers);
        activationStd = nans(layers);
        dead = nans(layers);
        saturated = nans(layers);
        gradientNorm = nans(layers);
        weightNorm = nans(layers);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double norm(INDArray a) {
        return a == null ? Double.NaN : a.norm2Number().doubleValue();
    }

    static UnitKind kind(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).conf().getLayer() instanceof BaseLayer base
                ? UnitKind.of(base.getActivationFn()) : UnitKind.OTHER;
    }

    private static String activationName(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).conf().getLayer() instanceof BaseLayer base
                ? String.valueOf(base.getActivationFn()) : "none";
    }
}
