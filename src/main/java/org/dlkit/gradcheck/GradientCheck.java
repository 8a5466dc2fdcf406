package org.dlkit.gradcheck;

import org.dlkit.autodiff.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The three-way gradient check on one mini-batch: our autodiff engine's backward pass vs DL4J's backprop vs
 * central finite differences of the objective (by default of the autodiff forward pass, whose value must equal
 * DL4J's score; optionally of DL4J's score itself, see {@link FiniteDifferenceSource}).
 *
 * <pre>{@code
 * GradientCheckReport report = GradientCheck.of(net, features, labels);
 * System.out.println(report);          // the table
 * assert report.passed();
 * }</pre>
 *
 * <p>All three work on a double-precision copy of the network with a NoOp updater and no loss clipping (see
 * {@link Dl4jCopy}); the user's network, its configuration and its parameters are never changed. The gradient
 * compared is that of the objective DL4J's {@code score()} reports: the mean loss over the mini-batch plus the
 * L1/L2 penalties. While the check runs, ND4J's default data types are set to DOUBLE (and restored afterwards), so
 * do not run checks concurrently with other ND4J work that depends on them.
 */
public final class GradientCheck {

    /** At least this many finite differences per parameter block when only a subset is checked. */
    private static final int MIN_PER_BLOCK = 5;

    private GradientCheck() {
    }

    /** The check with {@link GradientCheckOptions#defaults() default} tolerances. */
    public static GradientCheckReport of(MultiLayerNetwork net, INDArray features, INDArray labels) {
        return of(net, features, labels, GradientCheckOptions.defaults());
    }

    public static GradientCheckReport of(MultiLayerNetwork net, INDArray features, INDArray labels,
                                         GradientCheckOptions options) {
        return run(net, features, labels, options, Ops.of(options));
    }

    static GradientCheckReport run(MultiLayerNetwork net, INDArray features, INDArray labels,
                                   GradientCheckOptions options, Ops ops) {
        AutodiffNetwork autodiff = AutodiffNetwork.translate(net, ops);
        DataType defaultType = Nd4j.dataType(), floatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Tensor x = AutodiffNetwork.matrix(features, "features"), y = AutodiffNetwork.matrix(labels, "labels");
            NetworkGradient ad = autodiff.gradient(x, y);
            Dl4jCopy copy = Dl4jCopy.of(net, features, labels);
            NetworkGradient dl4j = copy.gradient();
            NetworkChecks.finiteObjectives(ad.objective(), dl4j.objective(), x.toArray());
            Map<String, Long> offsets = offsets(dl4j);
            Perturbed objective = options.finiteDifferenceSource() == FiniteDifferenceSource.DL4J_SCORE
                    ? (key, i, delta) -> copy.scoreWith(offsets.get(key) + i, delta)
                    : (key, i, delta) -> autodiff.objectiveWith(x, y, key, i, delta);
            Map<String, double[]> fd = finiteDifferences(objective, dl4j, options);
            List<String> notes = new ArrayList<>(copy.notes());
            notes.addAll(autodiff.notes());
            autodiff.loss().dl4jLabelNote(y, autodiff.fusedOutput()).ifPresent(notes::add);
            double eps = options.epsilon();
            GradientCheckReport.KinkProbe atKink = (key, i) -> !Arrays.equals(
                    Kinks.signsWith(autodiff, x, y, key, i, eps), Kinks.signsWith(autodiff, x, y, key, i, -eps));
            return GradientCheckReport.compare(autodiff.describe(), copy.minibatch(), autodiff.meanOverBatch(), ad,
                    dl4j, fd, autodiff.rowsOfKeys(), Kinks.closest(autodiff, x, y), atKink, notes, options,
                    autodiff.dl4jLossRounding(x, y));
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, floatType);
        }
    }

    /** The objective with one parameter entry moved by delta (and put back). */
    @FunctionalInterface
    interface Perturbed {
        double objective(String key, int index, double delta);
    }

    /**
     * Central differences (f(θ + ε) − f(θ − ε)) / 2ε for the chosen entries of every block; NaN elsewhere.
     */
    static Map<String, double[]> finiteDifferences(Perturbed f, NetworkGradient shape, GradientCheckOptions o) {
        int total = shape.keys().stream().mapToInt(k -> shape.blockView(k).length).sum();
        Random random = new Random(o.seed());
        double eps = o.epsilon();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String key : shape.keys()) {
            int size = shape.blockView(key).length;
            double[] fd = new double[size];
            Arrays.fill(fd, Double.NaN);
            for (int i : chosen(size, total, o.finiteDifferenceLimit(), random)) {
                fd[i] = (f.objective(key, i, eps) - f.objective(key, i, -eps)) / (2 * eps);
            }
            out.put(key, fd);
        }
        return out;
    }

    private static Map<String, Long> offsets(NetworkGradient g) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        long at = 0;
        for (String key : g.keys()) {
            offsets.put(key, at);
            at += g.blockView(key).length;
        }
        return offsets;
    }

    /**
     * Which entries of a block of {@code size} get a finite difference: all of them when the whole network has at
     * most {@code limit} parameters, otherwise a random sample proportional to the block's share of the limit
     * (at least {@value #MIN_PER_BLOCK}), drawn with a partial Fisher–Yates shuffle and returned in order.
     */
    static int[] chosen(int size, int total, int limit, Random random) {
        if (total <= limit) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int quota = (int) Math.round((double) limit * size / total);
        quota = Math.min(size, Math.max(quota, Math.min(size, MIN_PER_BLOCK)));
        int[] pool = new int[size];
        Arrays.setAll(pool, i -> i);
        for (int i = 0; i < quota; i++) {
            int j = i + random.nextInt(size - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] picked = Arrays.copyOf(pool, quota);
        Arrays.sort(picked);
        return picked;
    }
}
