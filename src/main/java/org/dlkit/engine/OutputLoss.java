package org.dlkit.engine;

/**
 * The output layer's activation and loss, as the engine computes them from the output pre-activation z of each
 * example (row). {@link #code()} is the number the CUDA kernels switch on.
 *
 * <p>Per example the device returns the loss L and the delta dL/dz the backward pass starts from:
 * <ul>
 *   <li>{@link #SOFTMAX_MCXENT}: L = −Σ y·log softmax(z) = logΣe^z − Σ y·z (for one-hot rows); dL/dz = softmax(z) − y</li>
 *   <li>{@link #SIGMOID_XENT}: L = Σ max(z, 0) − y·z + log(1 + e^(−|z|)); dL/dz = σ(z) − y</li>
 *   <li>{@link #MSE}: L = Σ (f(z) − y)² / n with n outputs and any element-wise f; dL/dz = 2·(f(z) − y)·f'(z) / n</li>
 * </ul>
 * As DL4J's LossMCXENT and LossBinaryXENT, the loss clips each probability before the logarithm, so the engine's
 * loss and validation loss (and with them early stopping) are DL4J's: MCXENT to [1e-10, 1 − 1e-10], so a row's loss
 * is at most {@link #MCXENT_MAX_LOSS} (its delta stays softmax(z) − y, which DL4J's clipping changes by 1e-10 at most);
 * XENT to [1e-5, 1 − 1e-5], and where the sigmoid is clipped the delta is DL4J's (c − y)/(c(1 − c))·σ(z)(1 − σ(z)) with
 * c the clipped value, which fades as the sigmoid saturates. Elsewhere the stable forms above are exactly these.
 */
public enum OutputLoss {
    SOFTMAX_MCXENT(0, "softmax + MCXENT"),
    SIGMOID_XENT(1, "sigmoid + XENT"),
    MSE(2, "MSE");

    /** DL4J's LossMCXENT clips softmax outputs to [1e-10, 1 − 1e-10]: −log of those ends. */
    public static final double MCXENT_MAX_LOSS = -Math.log(1e-10);
    public static final double MCXENT_MIN_LOSS = -Math.log1p(-1e-10);
    /** DL4J's LossBinaryXENT clips sigmoid outputs to [1e-5, 1 − 1e-5]. */
    public static final double XENT_CLIP = 1e-5;

    private final int code;
    private final String label;

    OutputLoss(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return label;
    }
}
