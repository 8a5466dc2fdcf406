package org.dlkit.engine;

/**
 * The element-wise work of {@link CpuFloatDevice} as loops over Java {@code float[]}, each in its own small method:
 * the JIT compiles a small hot method on its own and vectorises its loop (the same loop inside one large method,
 * compiled on-stack, was not vectorised in the prototype).
 */
final class FloatLoops {

    private FloatLoops() {
    }

    /** Z ← Z + b on every row of n columns (the first {@code size} values), A ← Z (A may be Z). */
    static void addBias(float[] z, float[] b, int n, int size, float[] a) {
        for (int row = 0; row < size; row += n) {
            for (int j = 0; j < n; j++) {
                float v = z[row + j] + b[j];
                z[row + j] = v;
                a[row + j] = v;
            }
        }
    }

    /** Z ← Z + b on every row, A ← max(0, Z). */
    static void addBiasRelu(float[] z, float[] b, int n, int size, float[] a) {
        for (int row = 0; row < size; row += n) {
            for (int j = 0; j < n; j++) {
                float v = z[row + j] + b[j];
                z[row + j] = v;
                a[row + j] = Math.max(v, 0f);
            }
        }
    }

    /**
     * G ← G ⊙ relu'(Z), from the output A = max(0, Z): 1 where a &gt; 0, else 0. Written as min(a·2¹²⁶·2¹²⁶, 1), which
     * is exactly that for every a ≥ 0 (the smallest positive float times 2²⁵² is above 1) and which the JIT
     * vectorises; the branch {@code z > 0 ? g : 0} it replaces ran scalar, about 20 times slower on random signs.
     */
    static void reluBackward(float[] a, float[] g, int size) {
        for (int i = 0; i < size; i++) {
            g[i] *= Math.min(a[i] * 0x1p126f * 0x1p126f, 1f);
        }
    }

    /** out[j] ← scale · Σ over the rows of m[rows × n], summed row by row so the inner loop runs along a row. */
    static void columnSums(float[] m, int rows, int n, float scale, float[] out) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int r = 0; r < rows; r++) {
            int row = r * n;
            for (int j = 0; j < n; j++) {
                out[j] += m[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] *= scale;
        }
    }

    /** Adam's m and v below this are driven to 0 (see {@link #adam}). */
    static final float FLUSH_BELOW = 0x1p-60f;
    private static final float FLUSH_SCALE = 1 / FLUSH_BELOW;

    /**
     * Adam on the first {@code size} parameters with g' = g + λ₂θ: m ← β₁m + (1−β₁)g'; v ← β₂v + (1−β₂)g'²;
     * θ ← θ − rateT · m / (√v + ε). The caller passes 1−β₁ and 1−β₂ rounded from double: 1 − (float) 0.999 is
     * off by 1.3e-5 relative, enough to show in v.
     *
     * <p>Flush to zero: where a parameter's gradient stays 0 (a dead ReLU unit), m decays by β₁ each step and becomes
     * subnormal after about 800 steps, and stays at the smallest subnormal for good; every operation on a subnormal
     * float takes a slow microcode path, and this loop ran 10 to 25 times slower (0.35 ms to 4–10 ms for the standard
     * MLP's 535,818 parameters). So m and v are multiplied by min(|x|·2⁶⁰, 1): exactly 1 from 2⁻⁶⁰ (9e-19) up, so the
     * update is unchanged there, and below it the factor squares the decay, which reaches exactly 0 within about ten
     * steps, passing through the subnormal range in one or two. What this changes in θ is at most rateT·2⁻⁶⁰/ε per
     * step. The loop has no branch and only operations the JIT vectorises: a hard threshold written with
     * {@code Math.max} ran 15 times slower here (not vectorised by Java 17's C2).
     */
    static void adam(float[] theta, float[] g, float[] m, float[] v, int size, float rateT, float beta1, float c1,
                     float beta2, float c2, float epsilon, float l2) {
        for (int i = 0; i < size; i++) {
            float gi = g[i] + l2 * theta[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * gi * gi;
            mi *= Math.min(Math.abs(mi) * FLUSH_SCALE, 1f);
            vi *= Math.min(vi * FLUSH_SCALE, 1f);
            m[i] = mi;
            v[i] = vi;
            theta[i] -= rateT * mi / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    /** dst[i] ← (float) src[i] for every i of src. */
    static void narrow(double[] src, float[] dst) {
        for (int i = 0; i < src.length; i++) {
            dst[i] = (float) src[i];
        }
    }

    /** Σ x² over the first n values, accumulated in double. */
    static double sumOfSquares(float[] x, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            double v = x[k];
            s += v * v;
        }
        return s;
    }

    /** Σ (x − y)² over the first n values, accumulated in double. */
    static double sumOfSquaredDifferences(float[] x, float[] y, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            double d = (double) x[k] - y[k];
            s += d * d;
        }
        return s;
    }
}
