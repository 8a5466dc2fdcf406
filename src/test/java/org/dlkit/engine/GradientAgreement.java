package org.dlkit.engine;

/** How far two gradients are apart, and their batches in double: shared by the engine's CPU and CUDA tests. */
public final class GradientAgreement {
    private GradientAgreement() {
    }

    /**
     * max over i of |a_i − b_i| / (|a_i| + |b_i|), or the absolute difference |a_i − b_i| where both are below 1e-12
     * in sum (so two near-zero entries do not blow the ratio up).
     */
    public static double maxRelative(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]), s = Math.abs(a[i]) + Math.abs(b[i]);
            worst = Math.max(worst, s < 1e-12 ? d : d / s);
        }
        return worst;
    }

    /**
     * max over i of |a_i − b_i|, divided by max over i of |b_i|: the error relative to the gradient's scale, the
     * measure for float against double (where an entry near 0 has no correct digits to compare, elementwise).
     */
    public static double scaledMaxError(double[] a, double[] b) {
        double worst = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? worst : worst / scale;
    }

    /** {@code values} in double: the float batches of {@code EngineBench.syntheticBatch} that both suites use. */
    public static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
