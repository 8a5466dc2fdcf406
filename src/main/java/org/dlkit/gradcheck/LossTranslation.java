package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.dlkit.autodiff.Loss;
import org.dlkit.autodiff.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;


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
