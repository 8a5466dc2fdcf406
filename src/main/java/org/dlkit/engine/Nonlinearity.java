package org.dlkit.engine;

/**
 * The element-wise activations the engine's devices compute on whole matrices, with the same formulas as the
 * activation catalogue and DL4J. {@link #code()} is the number the CUDA kernels switch on ({@code engine.cu}).
 *
 * <p>Each derivative is written in terms of the pre-activation z and, where cheaper, the cached output a = f(z)
 * (card 4: local gradients come from what the forward pass saved).
 */
public enum Nonlinearity {
    /** f(z) = z; f' = 1. */
    IDENTITY(0),
    /** σ(z) = 1 / (1 + e^(−z)); σ' = a·(1 − a) (card 6). */
    SIGMOID(1),
    /** tanh(z); tanh' = 1 − a². */
    TANH(2),
    /** max(0, z); 1 for z &gt; 0, else 0. */
    RELU(3),
    /** z for z &gt; 0, α·z otherwise; 1 or α. */
    LEAKY_RELU(4),
    /** z for z &gt; 0, α·(e^z − 1) otherwise; 1 or α·e^z. */
    ELU(5),
    /** log(1 + e^z); σ(z). */
    SOFTPLUS(6),
    /** z / (1 + |z|); 1 / (1 + |z|)². */
    SOFTSIGN(7),
    /** λ·z for z &gt; 0, λ·α·(e^z − 1) otherwise (α, λ fixed); λ or λ·α·e^z. */
    SELU(8),
    /** z·σ(z); σ(z) + z·σ(z)·(1 − σ(z)). */
    SWISH(9);

    /** SELU's α and λ, as in the catalogue and DL4J. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

    private final int code;

    Nonlinearity(int code) {
        this.code = code;
    }

    /** The kernels' number for this function. */
    public int code() {
        return code;
    }

    /** f(z); {@code alpha} is the slope of Leaky ReLU or the α of ELU (ignored otherwise). */
    public double value(double z, double alpha) {
        return switch (this) {
            case IDENTITY -> z;
            case SIGMOID -> sigmoid(z);
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0;
            case LEAKY_RELU -> z > 0 ? z : alpha * z;
            case ELU -> z > 0 ? z : alpha * Math.expm1(z);
            case SOFTPLUS -> z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            case SOFTSIGN -> z / (1 + Math.abs(z));
            case SELU -> SELU_LAMBDA * (z > 0 ? z : SELU_ALPHA * Math.expm1(z));
            case SWISH -> z * sigmoid(z);
        };
    }

    /** f'(z), given z and the cached output a = f(z). */
    public double derivative(double z, double a, double alpha) {
        return switch (this) {
            case IDENTITY -> 1;
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : alpha;
            case ELU -> z > 0 ? 1 : alpha * Math.exp(z);
            case SOFTPLUS -> sigmoid(z);
            case SOFTSIGN -> {
                double d = 1 + Math.abs(z);
                yield 1 / (d * d);
            }
            case SELU -> z > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(z);
            case SWISH -> {
                double s = sigmoid(z);
                yield s + z * s * (1 - s);
            }
        };
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
