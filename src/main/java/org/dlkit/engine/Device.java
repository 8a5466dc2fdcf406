package org.dlkit.engine;

/**
 * Where the engine's batched operations run: the operations one training step of an MLP needs, each on whole
 * row-major {@link Matrix matrices}. {@link CpuDevice} computes them in Java doubles (the reference),
 * {@link CpuFloatDevice} in float with OpenBLAS's SGEMM (training on the CPU); the CUDA device (source folder
 * {@code src/cuda/java}, Java 22+) runs them as cuBLAS GEMMs and PTX kernels on the GPU, in float or double.
 *
 * <p>Operations may run asynchronously; {@link #download} waits for everything before it.
 */
public interface Device extends AutoCloseable {

    /** "CPU (Java, double: the reference)", "CPU (float: OpenBLAS SGEMM ...)" or "CUDA NVIDIA H200 (compute capability 9.0), float". */
    String description();

    /** Whether values are stored as doubles (the checks) or floats (training on the CPU or the GPU). */
    boolean doublePrecision();

    /** A zero-filled matrix. */
    Matrix allocate(int rows, int cols);

    /** Copies {@code dst.size()} values (row-major) from {@code values} into {@code dst}. */
    void upload(double[] values, Matrix dst);

    /** Copies {@code dst.size()} values (row-major) from {@code values} into {@code dst}. */
    void upload(float[] values, Matrix dst);

    /** The values of {@code m}, row-major. */
    double[] download(Matrix m);

    /** Copies the values of {@code m} (row-major, as floats) into {@code dst} from {@code offset}; by default from a download. */
    default void download(Matrix m, float[] dst, int offset) {
        double[] values = download(m);
        for (int k = 0; k < values.length; k++) {
            dst[offset + k] = (float) values[k];
        }
    }

    /** Sets every element of {@code m} to {@code value}. */
    void fill(Matrix m, double value);

    /** C ← α·op(A)·op(B) + β·C, where op transposes when asked. */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    /** Z ← Z + b (b [1 × n] added to every row), then A ← f(Z) element-wise (A may be Z itself). */
    void biasActivation(Matrix z, Matrix bias, Nonlinearity f, double alpha, Matrix a);

    /** G ← G ⊙ f'(Z), using the cached output A = f(Z): upstream gradient times local gradient (card 1). */
    void activationBackward(Nonlinearity f, double alpha, Matrix z, Matrix a, Matrix g);

    /**
     * The output layer from its pre-activation Z: A ← its activation (softmax, sigmoid, or f for MSE); when
     * {@code labels} is not null also δ ← dL/dZ per example and lossSum[0] ← lossSum[0] + Σ over rows of L (see
     * {@link OutputLoss}).
     */
    void outputLoss(OutputLoss loss, Nonlinearity f, double alpha, Matrix z, Matrix labels, Matrix a, Matrix delta,
                    Matrix lossSum);

    /** out [1 × n] ← scale · Σ over the rows of m. */
    void columnSums(Matrix m, double scale, Matrix out);

    /** SGD: θ ← θ − η·(g + λ₂θ). */
    void sgd(Matrix theta, Matrix g, double rate, double l2);

    /**
     * Adam with g' = g + λ₂θ: m ← β₁m + (1−β₁)g'; v ← β₂v + (1−β₂)g'²; θ ← θ − rateT · m / (√v + ε), where rateT is
     * the bias-corrected step size of this step.
     */
    void adam(Matrix theta, Matrix g, Matrix m, Matrix v, double rateT, double beta1, double beta2, double epsilon,
              double l2);

    /** ‖m‖₂ = √(Σ m²) over its values (the diagnostics' norms); by default from a download. */
    default double norm(Matrix m) {
        double s = 0;
        for (double x : download(m)) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** dst ← src, two matrices of the same shape; by default through the host. */
    default void copy(Matrix src, Matrix dst) {
        upload(download(src), dst);
    }

    /** ‖a − b‖₂ of two matrices of the same shape (the size of an update); by default from downloads. */
    default double distance(Matrix a, Matrix b) {
        double[] x = download(a), y = download(b);
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double d = x[k] - y[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Frees what the device holds; matrices are unusable afterwards. */
    @Override
    void close();
}
