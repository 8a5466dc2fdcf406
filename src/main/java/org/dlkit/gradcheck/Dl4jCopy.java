package org.dlkit.gradcheck;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy of the user's network that the check works on, set up as DL4J's own {@code GradientCheckUtil} sets up
 * a network: double precision, NoOp updater, and no clipping in the loss (LossMCXENT clips softmax outputs to
 * [1e-10, 1 − 1e-10] and LossBinaryXENT to [1e-5, 1 − 1e-5] by default; clipping changes the function being
 * differentiated, so both are set to 0 here, and the autodiff losses never clip). The copy is made from the
 * configuration's JSON and a duplicate of the parameters, so nothing the check does can reach the user's network.
 *
 * <p>Where DL4J M2.1 applies L1/L2: not in backprop. {@code computeGradientAndScore()} leaves the gradient of the
 * <em>summed</em> loss in {@code gradient()} (the score is already the mean plus the penalty terms); the updater
 * ({@code BaseMultiLayerUpdater.update}) then divides by the mini-batch size and each {@code UpdaterBlock} applies
 * the {@code BEFORE_UPDATER} regularisations, L2 adding λ₂θ and L1 λ₁ sign(θ), before the updater rule (weight
 * decay comes after it). {@link #gradient()} runs that same updater step with NoOp, exactly like
 * {@code GradientCheckUtil}, so DL4J's gradient is the gradient of its score (the mean loss, or the summed loss
 * with {@code miniBatch(false)}, where the updater does not divide).
 *
 * <p>Gradient normalisation ({@code RenormalizeL2PerLayer}, {@code ClipElementWiseAbsoluteValue}, ...) also acts in
 * that updater step, after backprop: it rescales or clips the gradient before the update and is no part of the
 * objective's gradient, so the copy turns it off and the report says so (DL4J's backprop is not to blame for it).
 * Constraints (max-norm, non-negative, ...) act after the update and do not touch the gradient: a note only.
 */
final class Dl4jCopy {

    private final MultiLayerNetwork net;
    private final DataSet data;
    private final INDArray params;
    private final List<String> notes;

    private Dl4jCopy(MultiLayerNetwork net, DataSet data, List<String> notes) {
        this.net = net;
        this.data = data;
        this.params = net.params();
        this.notes = List.copyOf(notes);
    }

    static Dl4jCopy of(MultiLayerNetwork user, INDArray features, INDArray labels) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(user.getLayerWiseConfigurations().toJson());
        conf.setDataType(DataType.DOUBLE);
        List<String> notes = new ArrayList<>();
        DataType trained = user.getLayerWiseConfigurations().getDataType();
        if (trained != DataType.DOUBLE) {
            notes.add("the network's data type is " + trained + "; it is checked on a DOUBLE copy of its parameters,"
                    + " so the check judges the gradient's formulas, not " + trained + " rounding (unit roundoff "
                    + (trained == DataType.HALF ? "4.9e-4" : trained == DataType.BFLOAT16 ? "3.9e-3" : "6.0e-8")
                    + "), which training in " + trained + " adds");
        }
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            c.setDataType(DataType.DOUBLE);
            Layer layer = c.getLayer();
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(new NoOp());
                base.setBiasUpdater(new NoOp());
                GradientNormalization gn = base.getGradientNormalization();
                if (gn != null && gn != GradientNormalization.None) {
                    notes.add("layer " + i + ": gradient normalisation " + gn + " (threshold "
                            + base.getGradientNormalizationThreshold() + ") rescales the gradient in DL4J's updater"
                            + " step, after backprop; it is no part of the objective's gradient, so it is off on the"
                            + " checked copy");
                    base.setGradientNormalization(GradientNormalization.None);
                }
            }
            if (layer.getConstraints() != null && !layer.getConstraints().isEmpty()) {
                notes.add("layer " + i + ": constraints " + layer.getConstraints() + " act after the parameter update"
                        + " and do not change the gradient");
            }
            ILossFunction loss = layer instanceof BaseOutputLayer out ? out.getLossFn()
                    : layer instanceof LossLayer out ? out.getLossFn() : null;
            disableClipping(loss, "layer " + i, notes);
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(user.params().castTo(DataType.DOUBLE).dup(), false);
        INDArray x = features.castTo(DataType.DOUBLE).dup(), y = labels.castTo(DataType.DOUBLE).dup();
        return new Dl4jCopy(copy, new DataSet(x, y), notes);
    }

    private static void disableClipping(ILossFunction loss, String where, List<String> notes) {
        if (loss instanceof LossMCXENT mcxent && mcxent.getSoftmaxClipEps() > 0) {
            notes.add(where + ": " + loss.name() + " clips softmax outputs to [eps, 1-eps] with eps "
                    + mcxent.getSoftmaxClipEps() + "; set to 0 on the checked copy (as GradientCheckUtil does)");
            mcxent.setSoftmaxClipEps(0.0);
        } else if (loss instanceof LossBinaryXENT xent && xent.getClipEps() > 0) {
            notes.add(where + ": " + loss.name() + " clips probabilities to [eps, 1-eps] with eps " + xent.getClipEps()
                    + "; set to 0 on the checked copy (as GradientCheckUtil does)");
            xent.setClipEps(0.0);
        }
    }

    /** What the copy changed besides precision and updater. */
    List<String> notes() {
        return notes;
    }

    MultiLayerNetwork network() {
        return net;
    }

    int minibatch() {
        return (int) data.getFeatures().size(0);
    }

    /** DL4J's analytic gradient of its score (mean loss + penalties), by parameter key in flat order. */
    NetworkGradient gradient() {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        double score = net.score();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        UpdaterCreator.getUpdater(net).update(net, g, conf.getIterationCount(), conf.getEpochCount(), minibatch(),
                LayerWorkspaceMgr.noWorkspaces());
        double[] flat = g.gradient().castTo(DataType.DOUBLE).reshape(params.length()).toDoubleVector();
        Map<String, double[]> blocks = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            int n = (int) e.getValue().length();
            blocks.put(e.getKey(), java.util.Arrays.copyOfRange(flat, at, at + n));
            at += n;
        }
        return new NetworkGradient(score, blocks);
    }

    /** DL4J's score at the current parameters: mean loss + penalties. */
    double score() {
        return net.score(data, true);
    }

    /** DL4J's score with the parameter at a flat index moved by {@code delta}; the parameter is restored. */
    double scoreWith(long flatIndex, double delta) {
        double original = params.getDouble(flatIndex);
        try {
            params.putScalar(flatIndex, original + delta);
            return score();
        } finally {
            params.putScalar(flatIndex, original);
        }
    }
}
