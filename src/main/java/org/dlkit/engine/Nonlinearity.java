package org.dlkit.engine;

import org.dlkit.autodiff.Pointwise;

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
    /**
     * z for z &gt; 0, α·z otherwise; 1 for z ≥ 0 (DL4J's value at the kink), else α rounded to float32 (DL4J M2.1's
     * backprop holds α in float32, as {@code gradcheck.ActivationTranslation} also takes it).
     */
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
    SWISH(9),
    /**
     * DL4J's GELU, the sigmoid approximation z·σ(kz) with k = 1.702 held in float32 as DL4J holds it;
     * σ(kz) + kz·σ(kz)·(1 − σ(kz)).
     */
    GELU(10),
    /** z·tanh(softplus(z)); tanh(softplus(z)) + z·(1 − tanh²(softplus(z)))·σ(z). */
    MISH(11),
    /** clip(0.2z + 0.5, 0, 1) (0.2 held in float32, as DL4J); 0.2 for |z| ≤ 2.5 (DL4J's value at the kinks), else 0. */
    HARD_SIGMOID(12),
    /** clip(z, −1, 1); 1 for |z| ≤ 1 (DL4J's value at the kinks), else 0. */
    HARD_TANH(13),
    /** min(max(0, z), 6); 1 for 0 &lt; z &lt; 6, else 0 (also at both kinks, as DL4J). */
    RELU6(14);

    private final int code;

    Nonlinearity(int code) {
        this.code = code;
    }

    /** The kernels' number for this function. */
    public int code() {
        return code;
    }

    /**
     * The one definition of this function (value and derivative) in {@link Pointwise}, shared with the activation
     * catalogue, the autodiff engine, the diagnostics and the gradient check; {@code alpha} is the slope of Leaky
     * ReLU or the α of ELU (ignored otherwise). The CUDA kernels ({@code engine.cu}) implement the same formulas and
     * are checked against this one.
     */
    public Pointwise definition(double alpha) {
        return switch (this) {
            case IDENTITY -> Pointwise.IDENTITY;
            case SIGMOID -> Pointwise.SIGMOID;
            case TANH -> Pointwise.TANH;
            case RELU -> Pointwise.RELU;
            case LEAKY_RELU -> Pointwise.leakyRelu(alpha, (float) alpha);
            case ELU -> Pointwise.elu(alpha);
            case SOFTPLUS -> Pointwise.SOFTPLUS;
            case SOFTSIGN -> Pointwise.SOFTSIGN;
            case SELU -> Pointwise.SELU;
            case SWISH -> Pointwise.SWISH;
            case GELU -> Pointwise.GELU;
            case MISH -> Pointwise.MISH;
            case HARD_SIGMOID -> Pointwise.HARD_SIGMOID;
            case HARD_TANH -> Pointwise.HARD_TANH;
            case RELU6 -> Pointwise.RELU6;
        };
    }
}
