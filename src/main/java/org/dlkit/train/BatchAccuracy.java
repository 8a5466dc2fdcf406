package org.dlkit.train;

import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training accuracy taken from the training pass itself, as Keras reports it: for each mini-batch, the class the
 * network predicts in the forward pass of that step (before its update) against the label. No second pass over the
 * training rows: the cost is one small product per step, z = a·W + b of the output layer (128 × 256 × 10 for the
 * standard MLP, 0.2% of a step), whose arg max is the predicted class because softmax and sigmoid preserve the order
 * of z.
 *
 * <p>DL4J hands a listener the input and the activations of every layer but the output layer
 * ({@code onForwardPass}); the last of them is the output layer's input. Networks whose output layer is not a
 * {@link BaseOutputLayer} with {@code W} and {@code b}, or has an input preprocessor, are not {@link #applies covered}:
 * the {@link Trainer} then measures the training rows after the epoch instead.
 */
final class BatchAccuracy extends BaseTrainingListener {

    private long correct;
    private long examples;

    /** Whether the training pass gives {@code net}'s predictions. */
    static boolean applies(MultiLayerNetwork net) {
        int last = net.getnLayers() - 1;
        return net.getOutputLayer() instanceof BaseOutputLayer<?> output
                && output.getParam("W") != null && output.getParam("b") != null
                && net.getLayerWiseConfigurations().getInputPreProcess(last) == null;
    }

    /** Starts counting an epoch. */
    void reset() {
        correct = 0;
        examples = 0;
    }

    /** Share of the epoch's examples predicted right so far; NaN before the first step. */
    double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        INDArray labels = net.getLabels();
        if (labels == null || activations.isEmpty()) {
            return;
        }
        INDArray z = logits((BaseOutputLayer<?>) net.getOutputLayer(), activations.get(activations.size() - 1));
        int rows = (int) labels.size(0);
        // two small copies and a loop here instead of five ND4J ops (arg max twice, eq, cast, sum)
        correct += agreeing(rowMajor(z), rowMajor(labels), rows);
        examples += rows;
    }

    /** The output layer's z = a·W + b for its input {@code a} (cast to W's data type). */
    static INDArray logits(BaseOutputLayer<?> output, INDArray a) {
        INDArray w = output.getParam("W");
        return a.castTo(w.dataType()).mmul(w).addiRowVector(output.getParam("b"));
    }

    /** The values of {@code a}, row after row, exactly (double holds every float, half and double value). */
    private static double[] rowMajor(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** Rows of {@code z} and {@code labels} (row-major, {@code rows} rows) whose arg max is the same column. */
    static int agreeing(double[] z, double[] labels, int rows) {
        int columns = z.length / rows;
        int agree = 0;
        for (int row = 0, start = 0; row < rows; row++, start += columns) {
            agree += argMax(z, start, columns) == argMax(labels, start, columns) ? 1 : 0;
        }
        return agree;
    }

    /** The first column of the largest value in {@code a[start, start + columns)}, as ND4J's argMax chooses it. */
    private static int argMax(double[] a, int start, int columns) {
        int best = 0;
        for (int c = 1; c < columns; c++) {
            if (a[start + c] > a[start + best]) {
                best = c;
            }
        }
        return best;
    }
}
