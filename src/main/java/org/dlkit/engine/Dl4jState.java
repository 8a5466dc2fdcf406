package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.train.AdamLayout;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.ByteOrder;

/**
 * Moves the training state of dlkit's engine into its DL4J network and back: the parameters, Adam's moment estimates
 * m and v (in the network's updater state view, see {@link AdamLayout}) and the steps taken (Adam's t, DL4J's
 * iteration count). So a checkpoint of the DL4J network holds all of the engine's state, and a run resumed from it
 * continues as the uninterrupted run does.
 *
 * <p>DL4J's flat parameter vector holds, per layer, W then b; the engine stores W row-major [nIn × nOut], DL4J
 * column-major ('f'): element (r, c) of W is at {@code c·nIn + r} from W's start, in the parameters and in each of m
 * and v (a parameter lies in one updater block, so its m and v are contiguous too). The reordering runs here in Java
 * over flat arrays, and ND4J only copies contiguous vectors: ND4J's own order-changing copies of the standard MLP's
 * parameters took about 50–90 ms each.
 */
final class Dl4jState {

    private Dl4jState() {
    }

    /** Writes the engine's parameters into {@code net}; its iteration count becomes the engine's t. */
    static void storeParameters(EngineNetwork engine, MultiLayerNetwork net) {
        float[] rowMajor = new float[(int) net.numParams()];
        float[] flat = new float[rowMajor.length];
        for (int i = 0, at = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            engine.parametersInto(i, rowMajor, at);
            int weights = l.nIn() * l.nOut();
            transpose(rowMajor, at, l.nIn(), l.nOut(), flat, at);
            System.arraycopy(rowMajor, at + weights, flat, at + weights, l.nOut());
            at += weights + l.nOut();
        }
        INDArray params = net.params();
        if (params.dataType() == DataType.FLOAT && params.offset() == 0 && params.length() == flat.length
                && params.data().length() == flat.length) {
            // one bulk copy into the network's own parameter buffer (creating an ND4J array from the floats and
            // assigning it took ten times as long)
            params.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(flat);
        } else {
            net.setParams(Nd4j.create(flat, new long[] {1, flat.length}, 'c').castTo(params.dataType()));
        }
        net.setIterationCount((int) engine.steps());
    }

    /**
     * The row-major [rows × cols] matrix at {@code from} of {@code in} into {@code out} at {@code to}, column-major
     * (element (r, c) to {@code to + c·rows + r}), in tiles that stay in the cache.
     */
    static void transpose(float[] in, int from, int rows, int cols, float[] out, int to) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    int src = from + r * cols;
                    for (int c = c0; c < c1; c++) {
                        out[to + c * rows + r] = in[src + c];
                    }
                }
            }
        }
    }

    /** {@link #storeParameters} and, under Adam, the optimiser's m and v into the network's updater state. */
    static void store(EngineNetwork engine, MultiLayerNetwork net) {
        storeParameters(engine, net);
        AdamLayout layout = engine.spec().optimizer().adam() ? AdamLayout.of(net) : null;
        if (layout == null) {
            return;
        }
        float[] state = layout.read();
        for (int i = 0, at = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            double[][] mv = engine.adamState(i);
            int weights = l.nIn() * l.nOut();
            toColumnMajor(mv[0], l, state, layout.m(at));
            toColumnMajor(mv[1], l, state, layout.v(at));
            at += weights;
            int mb = layout.m(at), vb = layout.v(at);
            for (int c = 0; c < l.nOut(); c++) {
                state[mb + c] = (float) mv[2][c];
                state[vb + c] = (float) mv[3][c];
            }
            at += l.nOut();
        }
        layout.write(state);
    }

    /** Loads {@code net}'s parameters and, under Adam, optimiser state into the engine; t becomes its iteration count. */
    static void load(MultiLayerNetwork net, EngineNetwork engine) {
        float[] flat = net.params().toFloatVector();
        AdamLayout layout = engine.spec().optimizer().adam() ? AdamLayout.of(net) : null;
        float[] state = layout == null ? null : layout.read();
        for (int i = 0, at = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            int weights = l.nIn() * l.nOut();
            engine.setParameters(i, fromColumnMajor(flat, at, l), doubles(flat, at + weights, l.nOut()));
            if (state != null) {
                engine.setAdamState(i, new double[][] {fromColumnMajor(state, layout.m(at), l),
                        fromColumnMajor(state, layout.v(at), l), doubles(state, layout.m(at + weights), l.nOut()),
                        doubles(state, layout.v(at + weights), l.nOut())});
            }
            at += weights + l.nOut();
        }
        engine.setSteps(net.getIterationCount());
    }

    /** Row-major [nIn × nOut] {@code w} into {@code out} from {@code start}, column-major. */
    private static void toColumnMajor(double[] w, MlpSpec.Layer l, float[] out, int start) {
        int nIn = l.nIn(), nOut = l.nOut();
        for (int r = 0, k = 0; r < nIn; r++) {
            for (int c = 0; c < nOut; c++, k++) {
                out[start + c * nIn + r] = (float) w[k];
            }
        }
    }

    /** The column-major [nIn × nOut] matrix at {@code start} of {@code in}, row-major. */
    private static double[] fromColumnMajor(float[] in, int start, MlpSpec.Layer l) {
        int nIn = l.nIn(), nOut = l.nOut();
        double[] w = new double[nIn * nOut];
        for (int r = 0, k = 0; r < nIn; r++) {
            for (int c = 0; c < nOut; c++, k++) {
                w[k] = in[start + c * nIn + r];
            }
        }
        return w;
    }

    private static double[] doubles(float[] in, int start, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = in[start + i];
        }
        return out;
    }
}
