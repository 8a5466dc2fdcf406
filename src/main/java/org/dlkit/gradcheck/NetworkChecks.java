package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * What must hold before a gradient check means anything, each refused with one line: an initialised network with
 * finite parameters, one objective convention for all layers, and a non-empty batch of finite numbers.
 */
final class NetworkChecks {

    private NetworkChecks() {
    }

    /**
     * The network's parameters as doubles in DL4J's flat order.
     *
     * @throws DlkitException for an uninitialised network (M2.1's {@code params()} is then empty, not null), a
     *                        network without parameters, or parameters that are NaN or infinite
     */
    static double[] parameters(MultiLayerNetwork net) {
        if (net == null) {
            throw new DlkitException("no network to check (null)");
        }
        INDArray params = net.params();
        if (net.getLayers() == null || params == null || params.isEmpty() && net.numParams() > 0) {
            throw new DlkitException("the network is not initialised (it has no parameter values yet): call net.init()"
                    + " before checking gradients");
        }
        if (net.numParams() == 0) {
            throw new DlkitException("the network has no parameters: there is no gradient to check");
        }
        double[] flat = params.castTo(DataType.DOUBLE).reshape(net.numParams()).toDoubleVector();
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new DlkitException("the network's parameter at flat index " + i + " is " + flat[i] + ": a"
                        + " network with non-finite parameters (diverged?) has no gradient to check");
            }
        }
        return flat;
    }

    /**
     * Whether DL4J's objective is the mean over the mini-batch ({@code miniBatch(true)}, the default) or the sum
     * ({@code miniBatch(false)}): the output layer's score and the updater's division both follow the setting.
     *
     * @throws DlkitException when the layers disagree
     */
    static boolean meanOverBatch(MultiLayerConfiguration conf) {
        boolean[] seen = new boolean[2];
        for (NeuralNetConfiguration c : conf.getConfs()) {
            seen[c.isMiniBatch() ? 1 : 0] = true;
        }
        if (seen[0] && seen[1]) {
            throw new DlkitException("the layers disagree on miniBatch (some true, some false): DL4J's objective is then"
                    + " neither the mean nor the sum over the mini-batch; set miniBatch once for the whole network");
        }
        return seen[1];
    }

    /**
     * A non-empty 2-D batch of finite numbers.
     *
     * @param what "features" or "labels"
     */
    static void requireBatch(INDArray array, String what) {
        if (array == null) {
            throw new DlkitException("no " + what + " given (null)");
        }
        if (array.rank() != 2) {
            throw new DlkitException(what + " must be a 2-D array [examples × columns]; got shape "
                    + Arrays.toString(array.shape()));
        }
        if (array.size(0) == 0) {
            throw new DlkitException(what + " have 0 rows: a gradient check needs a mini-batch of at least one example");
        }
        double[][] m = array.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                if (!Double.isFinite(m[r][c])) {
                    throw new DlkitException(what + " row " + r + ", column " + c + " is " + m[r][c] + ": a gradient"
                            + " check needs finite numbers (fill or drop missing values first)");
                }
            }
        }
    }

    /**
     * Refuses, in one line naming the layer, what the translation does not cover: layer types, layer norm, input
     * preprocessors and anything random in the forward pass (dropout, weight noise).
     */
    static void supported(MultiLayerConfiguration conf, int i, Layer layer, boolean last, String where) {
        String supported = "; supported: DenseLayer hidden layers followed by one OutputLayer or LossLayer";
        boolean hidden = layer.getClass() == DenseLayer.class;
        boolean output = layer.getClass() == OutputLayer.class || layer.getClass() == LossLayer.class;
        if (last ? !output : !hidden) {
            throw new DlkitException(where + " is not supported by the autodiff translation" + supported);
        }
        if (layer instanceof DenseLayer d && d.isHasLayerNorm()) {
            throw new DlkitException(where + " uses layer normalisation, which the autodiff translation does not"
                    + " support" + supported + " without layer norm");
        }
        if (conf.getInputPreProcess(i) != null) {
            throw new DlkitException(where + " has an input preprocessor, which the autodiff translation does not"
                    + " support" + supported);
        }
        if (layer.getIDropout() != null) {
            throw new DlkitException(where + " uses dropout (" + layer.getIDropout().getClass().getSimpleName()
                    + "): gradient checks need a deterministic forward pass; remove dropout for the check");
        }
        if (((BaseLayer) layer).getWeightNoise() != null) {
            throw new DlkitException(where + " uses weight noise: gradient checks need a deterministic forward pass");
        }
    }

    /**
     * Both objectives at θ must be finite: when either forward pass overflows on the batch (DL4J's XENT and MCXENT
     * take ln of outputs that round to 0 or 1 once the check turns their clipping off, as {@code GradientCheckUtil}
     * does; exp of a large pre-activation overflows), there is no gradient to compare.
     *
     * @throws DlkitException one line with both values, the largest |feature| and what to do
     */
    static void finiteObjectives(double autodiff, double dl4j, double[] features) {
        if (Double.isFinite(autodiff) && Double.isFinite(dl4j)) {
            return;
        }
        double largest = 0;
        for (double v : features) {
            largest = Math.max(largest, Math.abs(v));
        }
        String which = Double.isFinite(autodiff) ? "DL4J's score" : Double.isFinite(dl4j) ? "the autodiff objective"
                : "the objective";
        throw new DlkitException(String.format(Locale.ROOT, "%s on this batch is not finite (autodiff %.6g,"
                + " DL4J %.6g): the forward pass overflows in double precision (e.g. ln of an output that rounds to 0"
                + " or 1, with the loss clipping off as in any gradient check), so there is no gradient to compare;"
                + " check on standardised features (the largest |feature| here is %.3g) or on a batch with smaller"
                + " values", which, autodiff, dl4j, largest));
    }
}
