package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.dlkit.autodiff.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Random mini-batches to gradient-check a network on, kept away from kinks.
 *
 * <p>Finite differences are only meaningful where the function is smooth between θ − ε and θ + ε. ReLU and Leaky
 * ReLU have a kink at 0 (ELU too, when α ≠ 1; the hard sigmoid at ±2.5, hard tanh at ±1, ReLU6 at 0 and 6), and so
 * has the L1 loss at ŷ = y. A perturbation of ε = 1e-6 moves a pre-activation by about ε·|input| ≲ 1e-5, so
 * {@link #random} redraws the whole batch (features and labels, from the same seeded generator) until every
 * pre-activation of such a layer is at least {@value #KINK_MARGIN} from each of its kinks, and
 * for an L1 loss every residual |ŷ − y| ≥ {@value #KINK_MARGIN}: a hundred times the largest move.
 */
public final class CheckBatch {

    /** The smallest |z| accepted at a kink. */
    public static final double KINK_MARGIN = 1e-3;

    private static final int MAX_DRAWS = 10_000;

    private CheckBatch() {
    }

    /**
     * Features from N(0, 1); labels that fit the loss (one-hot for MCXENT, 0/1 for XENT, N(0, 1) for the
     * regression losses); redrawn until away from kinks.
     *
     * @throws DlkitException when no such batch turns up in {@value #MAX_DRAWS} draws
     */
    public static DataSet random(MultiLayerNetwork net, int rows, long seed) {
        return random(net, rows, seed, GradientCheckOptions.defaults());
    }

    /** {@link #random(MultiLayerNetwork, int, long)} for a network with activations given in {@code options}. */
    public static DataSet random(MultiLayerNetwork net, int rows, long seed, GradientCheckOptions options) {
        requireRows(rows);
        AutodiffNetwork autodiff = AutodiffNetwork.translate(net, Ops.of(options));
        Random random = new Random(seed);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            double[][] x = gaussian(random, rows, autodiff.inputs());
            double[][] y = labels(random, rows, autodiff.outputs(), autodiff.loss());
            if (distanceToKinks(autodiff, Tensor.of(x), Tensor.of(y)) >= KINK_MARGIN) {
                return new DataSet(Nd4j.create(x), Nd4j.create(y));
            }
        }
        throw new DlkitException("no mini-batch of " + rows + " rows with every ReLU-family pre-activation at least "
                + KINK_MARGIN + " away from 0 in " + MAX_DRAWS + " draws; use fewer rows or smaller layers");
    }

    /**
     * Checks a mini-batch size.
     *
     * @return {@code rows}
     * @throws DlkitException unless it is at least 1
     */
    public static int requireRows(int rows) {
        if (rows < 1) {
            throw new DlkitException("mini-batch size (rows) must be >= 1; got " + rows);
        }
        return rows;
    }

    /** The smallest |z| over kinked pre-activations and, for an L1 loss, over residuals ŷ − y; ∞ without kinks. */
    static double distanceToKinks(AutodiffNetwork autodiff, Tensor features, Tensor labels) {
        Kinks.Distance closest = Kinks.closest(autodiff, features, labels);
        return closest == null ? Double.POSITIVE_INFINITY : closest.distance();
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    private static double[][] labels(Random random, int rows, int cols, LossTranslation loss) {
        return switch (loss) {
            case MCXENT -> {
                double[][] m = new double[rows][cols];
                for (double[] row : m) {
                    row[random.nextInt(cols)] = 1;
                }
                yield m;
            }
            case XENT -> {
                double[][] m = new double[rows][cols];
                for (double[] row : m) {
                    for (int j = 0; j < cols; j++) {
                        row[j] = random.nextBoolean() ? 1 : 0;
                    }
                }
                yield m;
            }
            default -> gaussian(random, rows, cols);
        };
    }
}
