package org.dlkit.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;

import java.util.List;

/**
 * Where DL4J keeps Adam's moment estimates of a {@link MultiLayerNetwork}: the updater's state view is one flat array,
 * one stretch per updater block; a block covers a run of the flat parameters (per layer W in 'f' order, then b) and
 * holds m for all of them, then v for all of them (as {@link OnePassAdam} and libnd4j's {@code adam_updater} read
 * it). Used to hand dlkit's engine's optimiser state to the network for checkpoints, and back on resume.
 */
public final class AdamLayout {

    private final MultiLayerNetwork net;
    private final List<UpdaterBlock> blocks;

    private AdamLayout(MultiLayerNetwork net, List<UpdaterBlock> blocks) {
        this.net = net;
        this.blocks = blocks;
    }

    /** The layout of {@code net}'s updater state, or null when not every updater block runs DL4J's Adam. */
    public static AdamLayout of(MultiLayerNetwork net) {
        Updater updater = net.getUpdater();
        if (!(updater instanceof BaseMultiLayerUpdater<?> multi) || multi.getUpdaterBlocks().isEmpty()) {
            return null;
        }
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            if (!(block.getGradientUpdater() instanceof AdamUpdater)) {
                return null;
            }
        }
        return new AdamLayout(net, multi.getUpdaterBlocks());
    }

    /** The whole state view, as floats (a copy). */
    public float[] read() {
        return view().dup('c').data().asFloat();
    }

    /** Replaces the whole state view by {@code state} (as {@link #read()} gives it). */
    public void write(float[] state) {
        INDArray view = view();
        view.assign(Nd4j.create(state, view.shape(), 'c').castTo(view.dataType()));
    }

    /** The index in {@link #read()} of m for the flat parameter at {@code param} (0-based, network order). */
    public int m(long param) {
        UpdaterBlock block = block(param);
        return block.getUpdaterViewOffsetStart() + (int) (param - block.getParamOffsetStart());
    }

    /** The index in {@link #read()} of v for the flat parameter at {@code param}. */
    public int v(long param) {
        UpdaterBlock block = block(param);
        return m(param) + block.getParamOffsetEnd() - block.getParamOffsetStart();
    }

    private UpdaterBlock block(long param) {
        for (UpdaterBlock block : blocks) {
            if (param >= block.getParamOffsetStart() && param < block.getParamOffsetEnd()) {
                return block;
            }
        }
        throw new IllegalArgumentException("parameter " + param + " is in no updater block");
    }

    private INDArray view() {
        return net.getUpdater().getStateViewArray();
    }
}
