package org.dlkit.engine;

/** How far two gradients are apart; shared by the engine's CPU tests and the CUDA device's (src/cuda/test). */
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
}
