package org.dlkit.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link MlpSpec} on a {@link Device}: parameters, their gradients and optimiser state, and the activations of one
 * mini-batch, all allocated once for the largest batch and kept on the device.
 *
 * <p>Forward, per layer: Z = X·W + b, A = f(Z). Backward from the output's δ = dL/dZ (card 1: upstream times
 * local): ∂W = Xᵀ·δ / B, ∂b = Σ_rows δ / B, and the previous layer's δ = (δ·Wᵀ) ⊙ f'(Z). The objective is the mean
 * loss over the batch plus ½λ₂‖W‖², as DL4J's score; the optimiser adds λ₂W to ∂W.
 */
public final class EngineNetwork {

    private final Device device;
    private final MlpSpec spec;
    private final int maxBatch;
    private final List<Slot> slots = new ArrayList<>();
    private final Matrix ownInput;
    private final Matrix ownLabels;
    private Matrix input;
    private Matrix labels;
    private final Matrix lossSum;
    private long steps;
    /** {@link #loadRows}'s gathering buffers, made on its first call. */
    private float[] gatheredX;
    private float[] gatheredY;

    /** One layer's device matrices. */
    private static final class Slot {
        final MlpSpec.Layer layer;
        final Matrix w, b, dw, db, z, a, delta;
        Matrix mw, vw, mb, vb;
        /** A copy of w taken by {@link #rememberWeights} (allocated on first use). */
        Matrix remembered;

        Slot(Device d, MlpSpec.Layer layer, int batch) {
            this.layer = layer;
            w = d.allocate(layer.nIn(), layer.nOut());
            b = d.allocate(1, layer.nOut());
            dw = d.allocate(layer.nIn(), layer.nOut());
            db = d.allocate(1, layer.nOut());
            z = d.allocate(batch, layer.nOut());
            a = d.allocate(batch, layer.nOut());
            delta = d.allocate(batch, layer.nOut());
        }
    }

    public EngineNetwork(Device device, MlpSpec spec, int maxBatch) {
        this.device = device;
        this.spec = spec;
        this.maxBatch = maxBatch;
        for (MlpSpec.Layer layer : spec.layers()) {
            Slot s = new Slot(device, layer, maxBatch);
            device.upload(layer.weights(), s.w);
            device.upload(layer.bias(), s.b);
            if (spec.optimizer().adam()) {
                s.mw = device.allocate(layer.nIn(), layer.nOut());
                s.vw = device.allocate(layer.nIn(), layer.nOut());
                s.mb = device.allocate(1, layer.nOut());
                s.vb = device.allocate(1, layer.nOut());
            }
            slots.add(s);
        }
        ownInput = device.allocate(maxBatch, spec.inputs());
        ownLabels = device.allocate(maxBatch, spec.outputs());
        input = ownInput;
        labels = ownLabels;
        lossSum = device.allocate(1, 1);
    }

    public MlpSpec spec() {
        return spec;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Parameter updates made so far (Adam's t). */
    public long steps() {
        return steps;
    }

    /**
     * Uses matrices already on the device as the next batch (no copy): {@code maxBatch} rows of features and labels.
     * The next {@code load} goes back to the network's own input matrices.
     */
    public void use(Matrix features, Matrix targets) {
        if (features.rows() != maxBatch || targets.rows() != maxBatch || features.cols() != spec.inputs()
                || targets.cols() != spec.outputs()) {
            throw new IllegalArgumentException("use: expected " + maxBatch + " rows of " + spec.inputs() + " features and "
                    + spec.outputs() + " labels, got " + features + " and " + targets);
        }
        input = features;
        labels = targets;
    }

    /** Copies {@code rows} examples (row-major features and one-hot / target labels) to the device. */
    public void load(float[] features, float[] targets, int rows) {
        useOwn(rows);
        device.upload(features, input.top(rows));
        if (targets != null) {
            device.upload(targets, labels.top(rows));
        }
    }

    /**
     * Copies the rows {@code rows} of row-major {@code features} and {@code targets} ({@code spec().inputs()} and
     * {@code spec().outputs()} values per row) to the device as the next batch; returns the gathered targets, valid
     * until the next call.
     */
    public float[] loadRows(float[] features, float[] targets, int[] rows) {
        int in = spec.inputs(), out = spec.outputs(), n = rows.length;
        useOwn(n);
        if (gatheredX == null) {
            gatheredX = new float[maxBatch * in];
            gatheredY = new float[maxBatch * out];
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(features, rows[r] * in, gatheredX, r * in, in);
            System.arraycopy(targets, rows[r] * out, gatheredY, r * out, out);
        }
        device.upload(gatheredX, input.top(n));
        device.upload(gatheredY, labels.top(n));
        return gatheredY;
    }

    /** {@link #load(float[], float[], int)} in double. */
    public void load(double[] features, double[] targets, int rows) {
        useOwn(rows);
        device.upload(features, input.top(rows));
        if (targets != null) {
            device.upload(targets, labels.top(rows));
        }
    }

    /** Checks {@code rows} and points the network at its own input and label matrices, which a load fills. */
    private void useOwn(int rows) {
        if (rows <= 0 || rows > maxBatch) {
            throw new IllegalArgumentException(rows + " rows; this network holds 1 to " + maxBatch);
        }
        input = ownInput;
        labels = ownLabels;
    }

    /**
     * The forward pass over the first {@code rows} loaded examples; with {@code withLoss} also the output δ, and the
     * summed loss of these rows is added to the accumulator {@link #takeLossSum()} reads.
     */
    public void forward(int rows, boolean withLoss) {
        Matrix x = input.top(rows);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            Matrix z = s.z.top(rows);
            device.gemm(false, false, 1, x, s.w, 0, z);
            boolean output = i == slots.size() - 1;
            if (!output) {
                device.biasActivation(z, s.b, s.layer.f(), s.layer.alpha(), s.a.top(rows));
            } else {
                device.biasActivation(z, s.b, Nonlinearity.IDENTITY, 0, z);
                device.outputLoss(spec.loss(), s.layer.f(), s.layer.alpha(), z, withLoss ? labels.top(rows) : null,
                        s.a.top(rows), s.delta.top(rows), lossSum);
            }
            x = s.a.top(rows);
        }
    }

    /** The backward pass after {@code forward(rows, true)}: the mean-loss gradients ∂W, ∂b of every layer. */
    public void backward(int rows) {
        double scale = 1.0 / rows;
        for (int i = slots.size() - 1; i >= 0; i--) {
            Slot s = slots.get(i);
            Matrix delta = s.delta.top(rows);
            Matrix x = i == 0 ? input.top(rows) : slots.get(i - 1).a.top(rows);
            device.gemm(true, false, scale, x, delta, 0, s.dw);
            device.columnSums(delta, scale, s.db);
            if (i > 0) {
                Slot prev = slots.get(i - 1);
                Matrix g = prev.delta.top(rows);
                device.gemm(false, true, 1, delta, s.w, 0, g);
                device.activationBackward(prev.layer.f(), prev.layer.alpha(), prev.z.top(rows), prev.a.top(rows), g);
            }
        }
    }

    /** One optimiser step with the gradients of the last {@link #backward}; L2 applies to the weights only. */
    public void step() {
        steps++;
        Optimizer o = spec.optimizer();
        for (Slot s : slots) {
            if (o.adam()) {
                double rateT = o.adamRate(steps);
                device.adam(s.w, s.dw, s.mw, s.vw, rateT, o.beta1(), o.beta2(), o.epsilon(), spec.l2());
                device.adam(s.b, s.db, s.mb, s.vb, rateT, o.beta1(), o.beta2(), o.epsilon(), 0);
            } else {
                device.sgd(s.w, s.dw, o.rate(), spec.l2());
                device.sgd(s.b, s.db, o.rate(), 0);
            }
        }
    }

    /** forward, backward and step on the first {@code rows} loaded examples. */
    public void trainStep(int rows) {
        forward(rows, true);
        backward(rows);
        step();
    }

    /** The summed loss accumulated since the last call (waits for the device), and resets it to 0. */
    public double takeLossSum() {
        double sum = device.download(lossSum)[0];
        device.fill(lossSum, 0);
        return sum;
    }

    /** The output activations (probabilities) of the last forward pass, row-major [rows × outputs]. */
    public double[] outputs(int rows) {
        return device.download(slots.get(slots.size() - 1).a.top(rows));
    }

    /** ½λ₂ Σ‖W‖² of the current weights: the objective's L2 part. */
    public double l2Penalty() {
        if (spec.l2() == 0) {
            return 0;
        }
        double s = 0;
        for (Slot slot : slots) {
            double norm = device.norm(slot.w);
            s += norm * norm;
        }
        return 0.5 * spec.l2() * s;
    }

    /** Layer {@code i}'s weights (row-major [nIn × nOut]) then its bias, as floats into {@code dst} from {@code offset}. */
    public void parametersInto(int i, float[] dst, int offset) {
        Slot s = slots.get(i);
        device.download(s.w, dst, offset);
        device.download(s.b, dst, offset + s.w.size());
    }

    /** Layer {@code i}'s weights, row-major [nIn × nOut]. */
    public double[] weights(int i) {
        return device.download(slots.get(i).w);
    }

    public double[] bias(int i) {
        return device.download(slots.get(i).b);
    }

    /** The objective's gradient for layer {@code i}'s weights after {@link #backward}: ∂W + λ₂W, row-major. */
    public double[] weightGradient(int i) {
        double[] g = lossWeightGradient(i);
        if (spec.l2() != 0) {
            double[] w = weights(i);
            for (int k = 0; k < g.length; k++) {
                g[k] += spec.l2() * w[k];
            }
        }
        return g;
    }

    /**
     * The objective's whole gradient after {@link #backward}, flat in DL4J's layout: per layer W column-major
     * ([nIn × nOut], 'f') then b.
     */
    public double[] flatGradient() {
        int n = spec.layers().stream().mapToInt(l -> l.nIn() * l.nOut() + l.nOut()).sum();
        double[] out = new double[n];
        int at = 0;
        for (int i = 0; i < slots.size(); i++) {
            MlpSpec.Layer l = spec.layers().get(i);
            double[] w = weightGradient(i);
            for (int c = 0; c < l.nOut(); c++) {
                for (int r = 0; r < l.nIn(); r++) {
                    out[at++] = w[r * l.nOut() + c];
                }
            }
            for (double b : biasGradient(i)) {
                out[at++] = b;
            }
        }
        return out;
    }

    /** The mean loss's gradient for layer {@code i}'s weights after {@link #backward}, without L2: ∂W, row-major. */
    public double[] lossWeightGradient(int i) {
        return device.download(slots.get(i).dw);
    }

    public double[] biasGradient(int i) {
        return device.download(slots.get(i).db);
    }

    /** Replaces layer {@code i}'s parameters (the optimiser state stays). */
    public void setParameters(int i, double[] weights, double[] bias) {
        device.upload(weights, slots.get(i).w);
        device.upload(bias, slots.get(i).b);
    }

    public int layers() {
        return slots.size();
    }

    /** ‖∂W‖ of layer {@code i} after {@link #backward} (the mean loss's weight gradient, without L2), on the device. */
    public double lossWeightGradientNorm(int i) {
        return device.norm(slots.get(i).dw);
    }

    /** ‖W‖ of layer {@code i}, on the device. */
    public double weightNorm(int i) {
        return device.norm(slots.get(i).w);
    }

    /** Keeps a copy of every layer's weights on the device, for {@link #weightChange} after a step. */
    public void rememberWeights() {
        for (Slot s : slots) {
            if (s.remembered == null) {
                s.remembered = device.allocate(s.layer.nIn(), s.layer.nOut());
            }
            device.copy(s.w, s.remembered);
        }
    }

    /** ‖W − W_remembered‖ of layer {@code i}: the size of the updates since {@link #rememberWeights}. */
    public double weightChange(int i) {
        Slot s = slots.get(i);
        if (s.remembered == null) {
            throw new IllegalStateException("weightChange: call rememberWeights() first");
        }
        return device.distance(s.w, s.remembered);
    }

    /** Layer {@code i}'s outputs f(Z) in the last forward pass over {@code rows} examples, row-major [rows × nOut]. */
    public double[] activations(int i, int rows) {
        return device.download(slots.get(i).a.top(rows));
    }

    /** Layer {@code i}'s Adam moment estimates {m_W, v_W, m_b, v_b}, row-major like the parameters; null under SGD. */
    public double[][] adamState(int i) {
        Slot s = slots.get(i);
        return s.mw == null ? null : new double[][] {device.download(s.mw), device.download(s.vw),
                device.download(s.mb), device.download(s.vb)};
    }

    /** Replaces layer {@code i}'s Adam moment estimates {m_W, v_W, m_b, v_b} (as {@link #adamState} gives them). */
    public void setAdamState(int i, double[][] state) {
        Slot s = slots.get(i);
        if (s.mw == null) {
            throw new IllegalStateException("no Adam state: the optimiser is " + spec.optimizer());
        }
        device.upload(state[0], s.mw);
        device.upload(state[1], s.vw);
        device.upload(state[2], s.mb);
        device.upload(state[3], s.vb);
    }

    /** Sets the parameter updates made so far (Adam's t), as when a run resumes from a checkpoint. */
    public void setSteps(long steps) {
        this.steps = steps;
    }
}
