package org.dlkit.gradcheck;

import org.dlkit.error.DlkitException;
import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Tensor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DL4J {@link MultiLayerNetwork} rebuilt as an autodiff graph over a copy of its parameters, so its gradient can
 * be computed independently of DL4J's backprop.
 *
 * <p>Supported: {@code DenseLayer}s followed by an {@code OutputLayer} (or a {@code LossLayer}), the activations of
 * the catalogue that DL4J has (sigmoid, tanh, ReLU, Leaky ReLU, ELU, softplus, softsign, SELU, swish, GELU,
 * mish, hard sigmoid, hard tanh, ReLU6, identity, softmax; matched by exact class), the losses listed in {@link LossTranslation#SUPPORTED}, and L1/L2
 * regularisation of weights and biases. Each dense layer computes y = f(X·W + b) (card 24); the objective is the
 * mean loss over the mini-batch (the sum with DL4J's {@code miniBatch(false)}) plus, for every regularised
 * parameter, ½λ₂‖θ‖² and λ₁‖θ‖₁: the function whose value DL4J's {@code score()} reports and whose gradient DL4J
 * obtains by dividing backprop's summed-loss gradient by the mini-batch size and letting its updater add λ₂θ and
 * λ₁ sign(θ).
 */
public final class AutodiffNetwork {

    /** One layer of the translation: sizes, activation, its loss if it is the output layer, its penalties. */
    record LayerSpec(int index, int nIn, int nOut, boolean hasWeights, boolean hasBias, IActivation dl4jActivation,
                     ActivationTranslation.Translated activation, LossTranslation loss, List<Penalty> weightPenalties,
                     List<Penalty> biasPenalties) {
        boolean kinked() {
            return activation.kinks().length > 0;
        }

        boolean l1(String key) {
            List<Penalty> p = key.endsWith("_W") ? weightPenalties : biasPenalties;
            return p.stream().anyMatch(q -> !q.l2() && q.coefficient() != 0);
        }
    }

    /** λ₂·½‖θ‖² (L2) or λ₁‖θ‖₁ (L1), written with engine ops; θ·θ uses θ twice and gets both gradients (card 7). */
    record Penalty(boolean l2, double coefficient) {
        Node of(Node theta) {
            return l2 ? theta.mul(theta).sum().scale(0.5 * coefficient) : theta.abs().sum().scale(coefficient);
        }
    }

    /**
     * A built graph: the objective, the parameter leaves by DL4J key, the pre-activations of layers whose activation
     * has a kink ({@link #kinks}, by layer index), and the prediction the loss compares with the labels (null when fused).
     */
    record Graph(Node objective, Map<String, Node> parameters, Map<Integer, Node> kinkedPreActivations,
                 Node prediction, Node outputPreActivation) {
    }

    private final List<LayerSpec> layers;
    /** DL4J's objective: the mean loss over the mini-batch (miniBatch(true), the default) or the sum. */
    private final boolean meanOverBatch;
    private final Ops ops;
    /** Parameter values by key in DL4J's flat order (W column-major). */
    private final Map<String, double[]> parameters;

    /** What the reader of a report should know about this translation (DL4J quirks met on the way). */
    private final List<String> notes;

    private AutodiffNetwork(List<LayerSpec> layers, Map<String, double[]> parameters, List<String> notes,
                            boolean meanOverBatch, Ops ops) {
        this.layers = layers;
        this.meanOverBatch = meanOverBatch;
        this.ops = ops;
        this.parameters = parameters;
        this.notes = notes;
    }

    List<String> notes() {
        return notes;
    }

    /**
     * Translates {@code net}, copying its current parameters as doubles.
     *
     * @throws DlkitException for an uninitialised network or an unsupported layer, activation, loss or setting
     */
    public static AutodiffNetwork of(MultiLayerNetwork net) {
        return translate(net, Ops.ENGINE);
    }

    static AutodiffNetwork translate(MultiLayerNetwork net, Ops ops) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = conf.getConfs().size();
        int iteration = conf.getIterationCount(), epoch = conf.getEpochCount();
        double[] flat = NetworkChecks.parameters(net);
        boolean meanOverBatch = NetworkChecks.meanOverBatch(conf);
        List<LayerSpec> specs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, double[]> params = new LinkedHashMap<>();
        int offset = 0;
        for (int i = 0; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String where = "layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            boolean last = i == count - 1;
            NetworkChecks.supported(conf, i, layer, last, where);
            BaseLayer base = (BaseLayer) layer;
            FeedForwardLayer ff = (FeedForwardLayer) layer;
            boolean weights = !(layer instanceof LossLayer);
            // a LossLayer has no parameters: it passes its input's width through
            int nOut = weights || specs.isEmpty() ? (int) ff.getNOut() : specs.get(specs.size() - 1).nOut();
            int nIn = weights || specs.isEmpty() ? (int) ff.getNIn() : nOut;
            boolean bias = layer instanceof DenseLayer d ? d.hasBias() : layer instanceof OutputLayer o && o.hasBias();
            LossTranslation loss = null;
            if (layer instanceof OutputLayer o) {
                loss = LossTranslation.of(o.getLossFn(), where);
            } else if (layer instanceof LossLayer l) {
                loss = LossTranslation.of(l.getLossFn(), where);
            }
            specs.add(new LayerSpec(i, nIn, nOut, weights, bias, base.getActivationFn(),
                    ops.activations().of(base.getActivationFn(), where, notes), loss,
                    penalties(base.getRegularization(), iteration, epoch, where),
                    penalties(base.getRegularizationBias(), iteration, epoch, where)));
            if (weights) {
                params.put(i + "_W", Arrays.copyOfRange(flat, offset, offset + nIn * nOut));
                offset += nIn * nOut;
            }
            if (bias) {
                params.put(i + "_b", Arrays.copyOfRange(flat, offset, offset + nOut));
                offset += nOut;
            }
        }
        if (offset != flat.length) {
            throw new IllegalStateException("translated " + offset + " parameters but the network has " + flat.length);
        }
        if (!meanOverBatch) {
            notes.add("miniBatch(false): DL4J's objective is the summed loss over the mini-batch (not the mean); the"
                    + " check compares the gradient of that sum");
        }
        return new AutodiffNetwork(List.copyOf(specs), params, List.copyOf(notes), meanOverBatch, ops);
    }

    /** The objective's gradient in DL4J's layout. */
    public NetworkGradient gradient(INDArray features, INDArray labels) {
        return gradient(matrix(features, "features"), matrix(labels, "labels"));
    }

    /** The objective's gradient in DL4J's layout, for features [N × nIn] and labels [N × nOut]. */
    public NetworkGradient gradient(Tensor features, Tensor labels) {
        Graph graph = graph(features, labels);
        graph.objective().backward();
        Map<String, double[]> blocks = new LinkedHashMap<>();
        for (LayerSpec l : layers) {
            if (l.hasWeights()) {
                double[] rowMajor = graph.parameters().get(l.index() + "_W").grad().toArray();
                blocks.put(l.index() + "_W", columnMajor(rowMajor, l.nIn(), l.nOut()));
            }
            if (l.hasBias()) {
                blocks.put(l.index() + "_b", graph.parameters().get(l.index() + "_b").grad().toArray());
            }
        }
        return new NetworkGradient(graph.objective().value().item(), blocks);
    }

    /**
     * Builds the graph for one mini-batch: the objective node (mean loss + penalties) with the parameters as leaves
     * named by their DL4J keys, e.g. to draw it with {@link org.dlkit.autodiff.GraphDrawing}.
     */
    public Node objective(Tensor features, Tensor labels) {
        return graph(features, labels).objective();
    }

    /**
     * Draws the graph of one mini-batch after a backward pass, values and gradients on every edge (card 5), to
     * {@code file} ({@code .dot}, or {@code .svg} / {@code .png} with Graphviz).
     */
    public void draw(INDArray features, INDArray labels, java.nio.file.Path file) {
        Node objective = objective(matrix(features, "features"), matrix(labels, "labels"));
        objective.backward();
        org.dlkit.autodiff.GraphDrawing.render(objective, file);
    }

    /** Parameter keys in DL4J's order. */
    public List<String> parameterKeys() {
        return List.copyOf(parameters.keySet());
    }

    /** The objective with one parameter entry (DL4J flat order within its block) moved by {@code delta}. */
    double objectiveWith(Tensor features, Tensor labels, String key, int index, double delta) {
        return with(key, index, delta, () -> graph(features, labels).objective().value().item());
    }

    <T> T with(String key, int index, double delta, java.util.function.Supplier<T> compute) {
        double[] block = parameters.get(key);
        double original = block[index];
        try {
            block[index] = original + delta;
            return compute.get();
        } finally {
            block[index] = original;
        }
    }

    /** Rows of each parameter as a matrix: nIn for W, 1 for b. */
    Map<String, Integer> rowsOfKeys() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (LayerSpec l : layers) {
            if (l.hasWeights()) {
                rows.put(l.index() + "_W", l.nIn());
            }
            if (l.hasBias()) {
                rows.put(l.index() + "_b", 1);
            }
        }
        return rows;
    }

    /** Whether the objective is the mean loss over the mini-batch (DL4J's miniBatch(true)) rather than the sum. */
    boolean meanOverBatch() {
        return meanOverBatch;
    }

    /**
     * How far DL4J's score may be from the exact objective from rounding in DL4J's way of computing the loss on this
     * batch ({@link LossTranslation#dl4jRounding}); 0 for the losses DL4J computes without cancellation.
     */
    double dl4jLossRounding(Tensor features, Tensor labels) {
        Graph graph = graph(features, labels);
        double rounding = loss().dl4jRounding(graph.outputPreActivation().value(),
                graph.prediction() == null ? null : graph.prediction().value(), labels);
        return meanOverBatch ? rounding / features.rows() : rounding;
    }

    /** Whether {@code key}'s block carries an L1 penalty λ₁‖θ‖₁, whose derivative jumps at θ = 0. */
    boolean l1Penalised(String key) {
        int layer = Integer.parseInt(key.substring(0, key.indexOf('_')));
        return layers.stream().anyMatch(l -> l.index() == layer && l.l1(key));
    }

    /** The value of a parameter entry (DL4J flat order within its block). */
    double parameter(String key, int index) {
        return parameters.get(key)[index];
    }

    /** Where the derivative of layer {@code index}'s activation jumps, e.g. {0} for ReLU; empty for none. */
    double[] kinks(int index) {
        return layers.get(index).activation().kinks();
    }

    /** Names of the layers with a kinked activation, by index, e.g. "layer 0 (relu)". */
    String layerName(int index) {
        return "layer " + index + " (" + layers.get(index).activation().name() + ")";
    }

    /** Whether the output layer's loss is computed fused with its activation (softmax + MCXENT, sigmoid + XENT). */
    boolean fusedOutput() {
        LayerSpec last = layers.get(layers.size() - 1);
        return last.loss().fusedWith(last.activation());
    }

    LossTranslation loss() {
        return layers.get(layers.size() - 1).loss();
    }

    /** Columns the features must have. */
    public int inputs() {
        return layers.get(0).nIn();
    }

    /** Columns the labels must have. */
    public int outputs() {
        return layers.get(layers.size() - 1).nOut();
    }

    /** Layer sizes and the loss, e.g. "4-16-16-3 MCXENT". */
    String describe() {
        StringBuilder s = new StringBuilder().append(layers.get(0).nIn());
        for (LayerSpec l : layers) {
            if (l.hasWeights()) {
                s.append('-').append(l.nOut());
            }
        }
        return s.append(' ').append(layers.get(layers.size() - 1).loss()).toString();
    }

    Graph graph(Tensor features, Tensor labels) {
        LayerSpec first = layers.get(0), last = layers.get(layers.size() - 1);
        requireShape(features, first.nIn(), "features");
        requireShape(labels, last.nOut(), "labels");
        if (features.rows() != labels.rows()) {
            throw new DlkitException("features have " + features.rows() + " rows but labels have " + labels.rows());
        }
        Map<String, Node> params = new LinkedHashMap<>();
        Node a = Node.constant(features, "X");
        Node objective = null, prediction = null, output = null;
        List<Node> penalties = new ArrayList<>();
        Map<Integer, Node> kinked = new LinkedHashMap<>();
        for (LayerSpec l : layers) {
            Node z = a;
            if (l.hasWeights()) {
                String key = l.index() + "_W";
                Node w = Node.parameter(Tensor.matrix(l.nIn(), l.nOut(), rowMajor(parameters.get(key), l.nIn(),
                        l.nOut())), key);
                params.put(key, w);
                z = ops.matmul().apply(a, w);
                l.weightPenalties().forEach(p -> penalties.add(p.of(w)));
            }
            if (l.hasBias()) {
                String key = l.index() + "_b";
                Node b = Node.parameter(Tensor.vector(parameters.get(key)), key);
                params.put(key, b);
                z = ops.addBias().apply(z, b);
                l.biasPenalties().forEach(p -> penalties.add(p.of(b)));
            }
            if (l.hasWeights()) {
                z.label(l.index() + "_z");
            }
            if (l.kinked()) {
                kinked.put(l.index(), z);
            }
            if (l.loss() != null) {
                output = z;
                prediction = l.loss().fusedWith(l.activation()) ? null : l.activation().op().apply(z).label("Ŷ");
                Node mean = l.loss().loss(z, prediction, Node.constant(labels, "Y"));
                objective = ops.loss().apply(meanOverBatch ? mean : mean.scale(features.rows())).label("loss");
            } else {
                a = l.activation().op().apply(z).label(l.index() + "_a");
            }
        }
        for (Node p : penalties) {
            objective = ops.penalty().apply(objective, p);
        }
        return new Graph(objective.label("objective"), params, kinked, prediction, output);
    }

    private static List<Penalty> penalties(List<Regularization> regs, int iteration, int epoch, String where) {
        List<Penalty> out = new ArrayList<>();
        for (Regularization r : regs == null ? List.<Regularization>of() : regs) {
            if (r instanceof L2Regularization l2) {
                out.add(new Penalty(true, l2.getL2().valueAt(iteration, epoch)));
            } else if (r instanceof L1Regularization l1) {
                out.add(new Penalty(false, l1.getL1().valueAt(iteration, epoch)));
            } else {
                throw new DlkitException(where + ": regularisation " + r + " is not supported by the autodiff"
                        + " translation; supported: L1, L2 (weight decay acts after the updater, not on the gradient)");
            }
        }
        return List.copyOf(out);
    }

    private static void requireShape(Tensor t, int cols, String what) {
        if (t.rank() != 2 || t.cols() != cols) {
            throw new DlkitException(what + " must be a matrix with " + cols + " columns; got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    static Tensor matrix(INDArray array, String what) {
        NetworkChecks.requireBatch(array, what);
        return Tensor.of(array.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** DL4J's column-major W [nIn × nOut] → row-major. */
    private static double[] rowMajor(double[] columnMajor, int rows, int cols) {
        double[] out = new double[columnMajor.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = columnMajor[i + j * rows];
            }
        }
        return out;
    }

    private static double[] columnMajor(double[] rowMajor, int rows, int cols) {
        double[] out = new double[rowMajor.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i + j * rows] = rowMajor[i * cols + j];
            }
        }
        return out;
    }
}
