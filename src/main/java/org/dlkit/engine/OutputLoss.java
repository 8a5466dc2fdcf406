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
 * DL4J's MCXENT and XENT clip probabilities (1e-10, 1e-5) before the logarithm; the stable forms above agree with
 * them wherever no probability is that close to 0 or 1.
 */
public enum OutputLoss {
    SOFTMAX_MCXENT(0, "softmax + MCXENT"),
    SIGMOID_XENT(1, "sigmoid + XENT"),
    MSE(2, "MSE");

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
