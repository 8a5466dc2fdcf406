package org.dlkit.engine;

import org.dlkit.autodiff.Pointwise;

/**
 * The engine's operations in plain Java doubles: the reference that {@link CpuFloatDevice} (the device of
 * {@code --engine dlkit} on the CPU) and the GPU are checked against. The GEMM loops keep the innermost index
 * contiguous in memory; nothing else is tuned.
 */
public final class CpuDevice implements Device {

    /** A row-major block of a shared double array. */
    static final class Cpu extends Matrix {
        final double[] data;

        Cpu(double[] data, int rows, int cols) {
            super(rows, cols);
            this.data = data;
        }

        @Override
        public Matrix top(int n) {
            checkTop(n);
            return new Cpu(data, n, cols());
        }

        double get(int r, int c) {
            return data[r * cols() + c];
        }
    }

    @Override
    public String description() {
        return "CPU (Java, double: the reference)";
    }

    @Override
    public boolean doublePrecision() {
        return true;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        return new Cpu(new double[rows * cols], rows, cols);
    }

    private static Cpu cpu(Matrix m) {
        return (Cpu) m;
    }

    @Override
    public void upload(double[] values, Matrix dst) {
        System.arraycopy(values, 0, cpu(dst).data, 0, dst.size());
    }

    @Override
    public void upload(float[] values, Matrix dst) {
        double[] d = cpu(dst).data;
        for (int i = 0; i < dst.size(); i++) {
            d[i] = values[i];
        }
    }

    @Override
    public double[] download(Matrix m) {
        double[] out = new double[m.size()];
        System.arraycopy(cpu(m).data, 0, out, 0, m.size());
        return out;
    }

    @Override
    public void fill(Matrix m, double value) {
        java.util.Arrays.fill(cpu(m).data, 0, m.size(), value);
    }

    @Override
    public void gemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = c.rows(), n = c.cols(), k = gemmInner(ta, tb, a, b, c);
        double[] A = cpu(a).data, B = cpu(b).data, C = cpu(c).data;
        for (int i = 0; i < m * n; i++) {
            C[i] = beta == 0 ? 0 : beta * C[i];
        }
        if (!tb) {
            // C[i,:] += alpha * op(A)[i,p] * B[p,:], B's rows contiguous
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double aip = alpha * (ta ? A[p * m + i] : A[i * k + p]);
                    if (aip != 0) {
                        int bRow = p * n, cRow = i * n;
                        for (int j = 0; j < n; j++) {
                            C[cRow + j] += aip * B[bRow + j];
                        }
                    }
                }
            }
        } else {
            // C[i,j] += alpha * Σ_p op(A)[i,p] * B[j,p], a dot product of two contiguous rows when A is not transposed
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (ta ? A[p * m + i] : A[i * k + p]) * B[j * k + p];
                    }
                    C[i * n + j] += alpha * s;
                }
            }
        }
    }

    /** The inner dimension k of C[m × n] ← op(A)[m × k]·op(B)[k × n]; throws when the shapes do not fit. */
    static int gemmInner(boolean ta, boolean tb, Matrix a, Matrix b, Matrix c) {
        int m = c.rows(), n = c.cols(), k = ta ? a.rows() : a.cols();
        if ((ta ? a.cols() : a.rows()) != m || (tb ? b.cols() : b.rows()) != k || (tb ? b.rows() : b.cols()) != n) {
            throw new IllegalArgumentException("gemm shapes: op(" + a + ") x op(" + b + ") into " + c);
        }
        return k;
    }

    @Override
    public void biasActivation(Matrix z, Matrix bias, Nonlinearity f, double alpha, Matrix a) {
        double[] Z = cpu(z).data, b = cpu(bias).data, A = cpu(a).data;
        Pointwise fn = f.definition(alpha);
        int n = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            for (int j = 0; j < n; j++) {
                int i = r * n + j;
                Z[i] += b[j];
                A[i] = fn.value(Z[i]);
            }
        }
    }

    @Override
    public void activationBackward(Nonlinearity f, double alpha, Matrix z, Matrix a, Matrix g) {
        double[] Z = cpu(z).data, A = cpu(a).data, G = cpu(g).data;
        Pointwise fn = f.definition(alpha);
        for (int i = 0; i < g.size(); i++) {
            G[i] *= fn.derivative(Z[i], A[i]);
        }
    }

    @Override
    public void outputLoss(OutputLoss loss, Nonlinearity f, double alpha, Matrix z, Matrix labels, Matrix a,
                           Matrix delta, Matrix lossSum) {
        double[] Y = labels == null ? null : cpu(labels).data, D = labels == null ? null : cpu(delta).data;
        double total = outputRows(loss, f.definition(alpha), z.rows(), z.cols(), cpu(z).data, Y, cpu(a).data, D);
        if (Y != null) {
            cpu(lossSum).data[0] += total;
        }
    }

    /**
     * The output layer on {@code rows} rows of n values (see {@link OutputLoss}): A from Z, and when Y is not null D =
     * dL/dZ; returns Σ over the rows of L (0 without labels). Shared with {@link CpuFloatDevice}, which runs it on
     * double copies of its small output matrices.
     */
    static double outputRows(OutputLoss loss, Pointwise fn, int rows, int n, double[] Z, double[] Y, double[] A,
                             double[] D) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * n;
            switch (loss) {
                case SOFTMAX_MCXENT -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        max = Math.max(max, Z[row + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += Math.exp(Z[row + j] - max);
                    }
                    double logSum = max + Math.log(sum);
                    for (int j = 0; j < n; j++) {
                        A[row + j] = Math.exp(Z[row + j] - logSum);
                        if (Y != null) {
                            // −log p, with p clipped to [1e-10, 1 − 1e-10] as DL4J's LossMCXENT does
                            total += Y[row + j] * Math.min(Math.max(logSum - Z[row + j], OutputLoss.MCXENT_MIN_LOSS),
                                    OutputLoss.MCXENT_MAX_LOSS);
                            D[row + j] = A[row + j] - Y[row + j];
                        }
                    }
                }
                case SIGMOID_XENT -> {
                    for (int j = 0; j < n; j++) {
                        double x = Z[row + j], p = Pointwise.sigmoid(x);
                        A[row + j] = p;
                        if (Y == null) {
                            continue;
                        }
                        double y = Y[row + j];
                        double c = Math.min(Math.max(p, OutputLoss.XENT_CLIP), 1 - OutputLoss.XENT_CLIP);
                        if (c == p) {
                            total += Math.max(x, 0) - y * x + Math.log1p(Math.exp(-Math.abs(x)));
                            D[row + j] = p - y;
                        } else { // DL4J's LossBinaryXENT on a clipped p: capped loss, fading gradient
                            total += -(y * Math.log(c) + (1 - y) * Math.log1p(-c));
                            D[row + j] = (c - y) / (c * (1 - c)) * p * (1 - p);
                        }
                    }
                }
                case MSE -> {
                    for (int j = 0; j < n; j++) {
                        double x = Z[row + j];
                        A[row + j] = fn.value(x);
                        if (Y != null) {
                            double e = A[row + j] - Y[row + j];
                            total += e * e / n;
                            D[row + j] = 2 * e / n * fn.derivative(x, A[row + j]);
                        }
                    }
                }
            }
        }
        return total;
    }

    @Override
    public void columnSums(Matrix m, double scale, Matrix out) {
        double[] M = cpu(m).data, O = cpu(out).data;
        int n = m.cols();
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int r = 0; r < m.rows(); r++) {
                s += M[r * n + j];
            }
            O[j] = scale * s;
        }
    }

    @Override
    public void sgd(Matrix theta, Matrix g, double rate, double l2) {
        double[] P = cpu(theta).data, G = cpu(g).data;
        for (int i = 0; i < theta.size(); i++) {
            P[i] -= rate * (G[i] + l2 * P[i]);
        }
    }

    @Override
    public void adam(Matrix theta, Matrix g, Matrix m, Matrix v, double rateT, double beta1, double beta2,
                     double epsilon, double l2) {
        double[] P = cpu(theta).data, G = cpu(g).data, M = cpu(m).data, V = cpu(v).data;
        for (int i = 0; i < theta.size(); i++) {
            double gi = G[i] + l2 * P[i];
            M[i] = beta1 * M[i] + (1 - beta1) * gi;
            V[i] = beta2 * V[i] + (1 - beta2) * gi * gi;
            P[i] -= rateT * M[i] / (Math.sqrt(V[i]) + epsilon);
        }
    }

    @Override
    public void close() {
    }
}
