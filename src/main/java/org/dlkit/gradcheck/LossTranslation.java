package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.dlkit.autodiff.Loss;
import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.autodiff.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.Locale;
import java.util.Optional;

/**
 * DL4J loss function → autodiff loss on the output layer's pre-activation z, mean over the mini-batch as DL4J's
 * score. Softmax + MCXENT and sigmoid + XENT become the fused, stable {@link Loss#mcxent} and
 * {@link Loss#sigmoidXent}; any other activation is applied first.
 * L2 (sum of squares) and MAE are MSE and L1 rescaled by the number of outputs, as DL4J defines them.
 */
enum LossTranslation {
    MCXENT, XENT, MSE, L2, L1, MAE;

    static final String SUPPORTED = "MCXENT, NEGATIVELOGLIKELIHOOD, XENT, MSE, L2, L1, MAE (without per-output weights)";

    static LossTranslation of(ILossFunction loss, String where) {
        LossTranslation kind;
        INDArray weights;
        Class<?> c = loss.getClass();
        if (c == LossMCXENT.class || c == LossNegativeLogLikelihood.class) {
            kind = MCXENT;
            weights = ((LossMCXENT) loss).getWeights();
        } else if (c == LossBinaryXENT.class) {
            kind = XENT;
            weights = ((LossBinaryXENT) loss).getWeights();
        } else if (c == LossMSE.class || c == LossL2.class) {
            kind = c == LossMSE.class ? MSE : L2;
            weights = ((LossL2) loss).getWeights();
        } else if (c == LossL1.class || c == LossMAE.class) {
            kind = c == LossL1.class ? L1 : MAE;
            weights = ((LossL1) loss).getWeights();
        } else {
            throw new DlkitException(where + ": loss function " + loss + " is not supported by the autodiff translation;"
                    + " supported: " + SUPPORTED);
        }
        if (weights != null) {
            throw new DlkitException(where + ": loss function " + loss + " has per-output weights, which the autodiff"
                    + " translation does not support; supported: " + SUPPORTED);
        }
        return kind;
    }

    /**
     * Whether the loss is computed straight from the pre-activation, fused with the activation for numerical
     * stability: softmax + MCXENT and sigmoid + XENT.
     */
    boolean fusedWith(ActivationTranslation.Translated activation) {
        return this == MCXENT && activation.softmax() || this == XENT && activation.name().equals("sigmoid");
    }

    /** Units of machine epsilon allowed per logarithm in {@link #dl4jRounding}. */
    private static final double ROUNDING_UNITS = 4;

    /**
     * A bound on the rounding in DL4J's XENT, summed over the batch: DL4J takes −[y ln p + (1 − y) ln(1 − p)] of the
     * output p = σ(z) itself, not the fused, stable softplus(z) − y·z the engine uses. p carries an absolute rounding
     * error of about u (u = 2.2e-16), so ln p is off by about u/p and ln(1 − p) by about u/(1 − p): once σ(z) is
     * within 1e-13 of 1 (z ≳ 30), ln(1 − p) has lost three digits and DL4J's score differs from the exact objective
     * in the fourth. Per entry {@value #ROUNDING_UNITS}·u·(|y|/p + |1 − y|/(1 − p)); 0 for the other losses, whose
     * DL4J formulas do not cancel.
     *
     * @param z          the output layer's pre-activation
     * @param prediction the output activation f(z), or null when the loss is fused with it (then p = σ(z))
     */
    double dl4jRounding(Tensor z, Tensor prediction, Tensor labels) {
        if (this != XENT) {
            return 0;
        }
        double bound = 0;
        for (int k = 0; k < z.size(); k++) {
            double p = prediction == null ? Pointwise.sigmoid(z.get(k)) : prediction.get(k), y = labels.get(k);
            bound += (y == 0 ? 0 : Math.abs(y) / p) + (y == 1 ? 0 : Math.abs(1 - y) / (1 - p));
        }
        return ROUNDING_UNITS * Math.ulp(1.0) * bound;
    }

    /**
     * A note for softmax + MCXENT labels whose rows do not sum to 1: the objective −Σ y ln p then has the gradient
     * p·Σy − y with respect to the logits (what the engine computes), while DL4J M2.1's backprop computes p − y,
     * which is that gradient only for rows summing to 1 (one-hot or probabilities). DL4J is then expected to
     * disagree; empty for other losses and for rows that sum to 1 (within 1e-9).
     */
    Optional<String> dl4jLabelNote(Tensor labels, boolean fusedSoftmax) {
        if (this != MCXENT || !fusedSoftmax) {
            return Optional.empty();
        }
        for (int i = 0; i < labels.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < labels.cols(); j++) {
                sum += labels.get(i, j);
            }
            if (Math.abs(sum - 1) > 1e-9) {
                return Optional.of(String.format(Locale.ROOT, "labels row %d sums to %.6g, not 1:"
                        + " DL4J M2.1's softmax + MCXENT backprop computes p − y, the gradient of −Σ y ln p only for"
                        + " label rows summing to 1 (its exact gradient is p·Σy − y), so DL4J is expected to disagree",
                        i, sum));
            }
        }
        return Optional.empty();
    }

    /** The mean loss, from the pre-activation z when {@link #fusedWith fused}, else from the prediction f(z). */
    Node loss(Node z, Node prediction, Node labels) {
        if (prediction == null) {
            return this == MCXENT ? Loss.mcxent(z, labels) : Loss.sigmoidXent(z, labels);
        }
        double outputs = prediction.value().cols();
        return switch (this) {
            case MCXENT -> Loss.crossEntropy(prediction, labels);
            case XENT -> Loss.xent(prediction, labels);
            case MSE -> Loss.mse(prediction, labels);
            case L2 -> Loss.mse(prediction, labels).scale(outputs);
            case L1 -> Loss.l1(prediction, labels);
            case MAE -> Loss.l1(prediction, labels).scale(1 / outputs);
        };
    }
}
