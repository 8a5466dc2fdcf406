package org.dlkit.activation;

/**
 * Where an activation's derivative goes to zero, so that the gradient flowing back through it vanishes.
 *
 * <p>The course: sigmoid "kills gradients: gradients nearly 0 for large or small x"; ReLU has no saturation for
 * x &gt; 0, but its gradient is 0 for x &lt; 0 ("dead ReLUs").
 */
public enum Saturation {
    /** f'(x) stays away from 0 on both sides (identity, Leaky ReLU, PReLU) */
    NONE("no, the gradient never vanishes"),
    /** f'(x) → 0 (or is 0) for x → −∞ only (ReLU, ELU, SELU, softplus, swish, GELU, mish) */
    NEGATIVE_SIDE("for x → −∞ only, not for x > 0"),
    /** f'(x) → 0 (or is 0) for x → ±∞ (sigmoid, tanh, softsign, softmax, hard sigmoid, hard tanh, ReLU6) */
    BOTH_SIDES("for large |x| on both sides, kills gradients");

    private final String meaning;

    Saturation(String meaning) {
        this.meaning = meaning;
    }

    /** True unless the derivative stays away from 0 everywhere. */
    public boolean saturates() {
        return this != NONE;
    }

    @Override
    public String toString() {
        return meaning;
    }
}
