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

    /** G ← G ⊙ relu'(Z): 1 for z &gt; 0, else 0. */
    static void reluBackward(float[] z, float[] g, int size) {
        for (int i = 0; i < size; i++) {
            g[i] = z[i] > 0f ? g[i] : 0f;
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

    /**
     * Adam on the first {@code size} parameters with g' = g + λ₂θ: m ← β₁m + (1−β₁)g'; v ← β₂v + (1−β₂)g'²;
     * θ ← θ − rateT · m / (√v + ε). The caller passes 1−β₁ and 1−β₂ rounded from double: 1 − (float) 0.999 is
     * off by 1.3e-5 relative, enough to show in v.
     */
    static void adam(float[] theta, float[] g, float[] m, float[] v, int size, float rateT, float beta1, float c1,
                     float beta2, float c2, float epsilon, float l2) {
        for (int i = 0; i < size; i++) {
            float gi = g[i] + l2 * theta[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * gi * gi;
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
}
