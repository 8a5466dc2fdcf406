package org.dlkit.engine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.dlkit.autodiff.Pointwise;
import org.dlkit.backend.OpenBlas;
import org.dlkit.backend.Threads;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's operations in float on the CPU, the device of {@code --engine dlkit} there: every matrix product is
 * OpenBLAS's {@code cblas_sgemm} on native copies of the matrices (dlkit's current OpenBLAS where
 * {@link OpenBlas#preload} could load it, on as many threads as OpenBLAS was given), SGD is {@code cblas_saxpy} on
 * them too, and the rest (bias and activation, their backward, column sums, Adam) are plain loops over Java
 * {@code float[]} in {@link FloatLoops}, small methods that the JIT vectorises. {@link FloatStorage} keeps the two
 * copies coherent lazily, so a value crosses between them only when the other side needs it. The output layer's
 * softmax or sigmoid and loss run in double through {@link CpuDevice#outputRows} (a few columns).
 *
 * <p>{@link CpuDevice} computes the same in double and is the reference this device is checked against.
 */
final class CpuFloatDevice implements Device {

    private final List<FloatStorage> storages = new ArrayList<>();
    private final String blas;
    private final int threads;
    /** OpenBLAS's thread count before this device set its own; put back by {@link #close()}. */
    private final int threadsBefore;

    /** A row-major block of a {@link FloatStorage}; its views share the storage. */
    static final class Fm extends Matrix {
        final FloatStorage storage;

        Fm(FloatStorage storage, int rows, int cols) {
            super(rows, cols);
            this.storage = storage;
        }

        @Override
        public Matrix top(int n) {
            checkTop(n);
            return new Fm(storage, n, cols());
        }
    }

    /** Opens the device with {@code threads} OpenBLAS threads for its products (process-wide until close). */
    CpuFloatDevice(int threads) {
        OpenBlas.Status status = OpenBlas.preload();
        blas = status.library() + ", " + status.kernels() + " kernels";
        this.threads = threads;
        threadsBefore = Threads.blasThreads();
        Threads.setBlasThreads(threads);
    }

    @Override
    public String description() {
        return "CPU (float: OpenBLAS SGEMM on native copies, Java loops for the rest; " + blas + ", " + threads
                + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public boolean doublePrecision() {
        return false;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " is too large for the CPU device");
        }
        FloatStorage s = new FloatStorage(rows * cols);
        storages.add(s);
        return new Fm(s, rows, cols);
    }

    private static FloatStorage st(Matrix m) {
        return ((Fm) m).storage;
    }

    @Override
    public void upload(double[] values, Matrix dst) {
        float[] d = st(dst).write(dst.size());
        for (int i = 0; i < dst.size(); i++) {
            d[i] = (float) values[i];
        }
    }

    @Override
    public void upload(float[] values, Matrix dst) {
        System.arraycopy(values, 0, st(dst).write(dst.size()), 0, dst.size());
    }

    @Override
    public double[] download(Matrix m) {
        float[] s = st(m).read();
        double[] out = new double[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    @Override
    public void fill(Matrix m, double value) {
        java.util.Arrays.fill(st(m).write(m.size()), 0, m.size(), (float) value);
    }

    @Override
    public void gemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int k = CpuDevice.gemmInner(ta, tb, a, b, c);
        FloatPointer pa = st(a).nativeRead(), pb = st(b).nativeRead();
        FloatPointer pc = st(c).nativeWrite(c.size(), beta != 0);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                c.rows(), c.cols(), k, (float) alpha, pa, a.cols(), pb, b.cols(), (float) beta, pc, c.cols());
    }

    @Override
    public void biasActivation(Matrix z, Matrix bias, Nonlinearity f, double alpha, Matrix a) {
        float[] b = st(bias).read(), Z = st(z).update();
        float[] A = st(a).write(a.size());
        int n = z.cols(), size = z.size();
        switch (f) {
            case IDENTITY -> FloatLoops.addBias(Z, b, n, size, A);
            case RELU -> FloatLoops.addBiasRelu(Z, b, n, size, A);
            default -> {
                FloatLoops.addBias(Z, b, n, size, Z);
                Pointwise fn = f.definition(alpha);
                for (int i = 0; i < size; i++) {
                    A[i] = (float) fn.value(Z[i]);
                }
            }
        }
    }

    @Override
    public void activationBackward(Nonlinearity f, double alpha, Matrix z, Matrix a, Matrix g) {
        float[] Z = st(z).read(), A = st(a).read(), G = st(g).update();
        switch (f) {
            case IDENTITY -> {
            }
            case RELU -> FloatLoops.reluBackward(A, G, g.size());
            default -> {
                Pointwise fn = f.definition(alpha);
                for (int i = 0; i < g.size(); i++) {
                    G[i] *= (float) fn.derivative(Z[i], A[i]);
                }
            }
        }
    }

    @Override
    public void outputLoss(OutputLoss loss, Nonlinearity f, double alpha, Matrix z, Matrix labels, Matrix a,
                           Matrix delta, Matrix lossSum) {
        double[] Z = download(z), A = new double[z.size()];
        double[] Y = labels == null ? null : download(labels), D = labels == null ? null : new double[z.size()];
        double total = CpuDevice.outputRows(loss, f.definition(alpha), z.rows(), z.cols(), Z, Y, A, D);
        FloatLoops.narrow(A, st(a).write(a.size()));
        if (Y != null) {
            FloatLoops.narrow(D, st(delta).write(delta.size()));
            st(lossSum).update()[0] += (float) total;
        }
    }

    @Override
    public void columnSums(Matrix m, double scale, Matrix out) {
        FloatLoops.columnSums(st(m).read(), m.rows(), m.cols(), (float) scale, st(out).write(out.size()));
    }

    /** θ ← (1 − ηλ₂)·θ − η·g, as {@code cblas_sscal} and {@code cblas_saxpy} on the native copies. */
    @Override
    public void sgd(Matrix theta, Matrix g, double rate, double l2) {
        FloatPointer pg = st(g).nativeRead(), pt = st(theta).nativeWrite(theta.size(), true);
        if (l2 != 0) {
            openblas_nolapack.cblas_sscal(theta.size(), (float) (1 - rate * l2), pt, 1);
        }
        openblas_nolapack.cblas_saxpy(theta.size(), (float) -rate, pg, 1, pt, 1);
    }

    @Override
    public void adam(Matrix theta, Matrix g, Matrix m, Matrix v, double rateT, double beta1, double beta2,
                     double epsilon, double l2) {
        float[] G = st(g).read();
        FloatLoops.adam(st(theta).update(), G, st(m).update(), st(v).update(), theta.size(), (float) rateT,
                (float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) epsilon, (float) l2);
    }

    @Override
    public void download(Matrix m, float[] dst, int offset) {
        System.arraycopy(st(m).read(), 0, dst, offset, m.size());
    }

    @Override
    public double norm(Matrix m) {
        return Math.sqrt(FloatLoops.sumOfSquares(st(m).read(), m.size()));
    }

    @Override
    public void copy(Matrix src, Matrix dst) {
        System.arraycopy(st(src).read(), 0, st(dst).write(dst.size()), 0, dst.size());
    }

    @Override
    public double distance(Matrix a, Matrix b) {
        return Math.sqrt(FloatLoops.sumOfSquaredDifferences(st(a).read(), st(b).read(), a.size()));
    }

    @Override
    public void close() {
        storages.forEach(FloatStorage::free);
        storages.clear();
        Threads.setBlasThreads(threadsBefore);
    }
}
