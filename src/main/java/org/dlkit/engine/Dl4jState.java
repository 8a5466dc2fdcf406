package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.train.AdamLayout;

/**
 * Moves the training state of dlkit's engine into its DL4J network and back: the parameters, Adam's moment estimates
 * m and v (in the network's updater state view, see {@link AdamLayout}) and the steps taken (Adam's t, DL4J's
 * iteration count). So a checkpoint of the DL4J network holds all of the engine's state, and a run resumed from it
 * continues as the uninterrupted run does.
 *
 * <p>The engine stores W row-major [nIn × nOut]; DL4J's flat view holds it column-major ('f'): element (r, c) of W
 * is at {@code c·nIn + r} from W's start, in the parameters and in each of m and v (a parameter lies in one updater
 * block, so its m and v are contiguous too).
 */
final class Dl4jState {

    private Dl4jState() {
    }

    /** Writes the engine's parameters and optimiser state into {@code net}; its iteration count becomes t. */
    static void store(EngineNetwork engine, MultiLayerNetwork net) {
        Dl4jMlp.copyInto(engine, net);
        net.setIterationCount((int) engine.steps());
        AdamLayout layout = engine.spec().optimizer().adam() ? AdamLayout.of(net) : null;
        if (layout == null) {
            return;
        }
        float[] state = layout.read();
        for (int i = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            double[][] mv = engine.adamState(i);
            long w = layout.offset(i, "W"), b = layout.offset(i, "b");
            int mw = layout.m(w), vw = layout.v(w), mb = layout.m(b), vb = layout.v(b);
            for (int r = 0; r < l.nIn(); r++) {
                for (int c = 0, k = r * l.nOut(); c < l.nOut(); c++, k++) {
                    int at = c * l.nIn() + r;
                    state[mw + at] = (float) mv[0][k];
                    state[vw + at] = (float) mv[1][k];
                }
            }
            for (int c = 0; c < l.nOut(); c++) {
                state[mb + c] = (float) mv[2][c];
                state[vb + c] = (float) mv[3][c];
            }
        }
        layout.write(state);
    }

    /** Loads {@code net}'s parameters and optimiser state into the engine; t becomes its iteration count. */
    static void load(MultiLayerNetwork net, EngineNetwork engine) {
        for (int i = 0; i < engine.layers(); i++) {
            engine.setParameters(i, Dl4jMlp.doubles(net.getParam(i + "_W")), Dl4jMlp.doubles(net.getParam(i + "_b")));
        }
        engine.setSteps(net.getIterationCount());
        AdamLayout layout = engine.spec().optimizer().adam() ? AdamLayout.of(net) : null;
        if (layout == null) {
            return;
        }
        float[] state = layout.read();
        for (int i = 0; i < engine.layers(); i++) {
            MlpSpec.Layer l = engine.spec().layers().get(i);
            double[][] mv = {new double[l.nIn() * l.nOut()], new double[l.nIn() * l.nOut()], new double[l.nOut()],
                    new double[l.nOut()]};
            long w = layout.offset(i, "W"), b = layout.offset(i, "b");
            int mw = layout.m(w), vw = layout.v(w), mb = layout.m(b), vb = layout.v(b);
            for (int r = 0; r < l.nIn(); r++) {
                for (int c = 0, k = r * l.nOut(); c < l.nOut(); c++, k++) {
                    int at = c * l.nIn() + r;
                    mv[0][k] = state[mw + at];
                    mv[1][k] = state[vw + at];
                }
            }
            for (int c = 0; c < l.nOut(); c++) {
                mv[2][c] = state[mb + c];
                mv[3][c] = state[vb + c];
            }
            engine.setAdamState(i, mv);
        }
    }
}
