package org.dlkit.autodiff;

import java.util.Arrays;

/**
 * The arithmetic ops, each with its forward pass and its backward pass side by side (micrograd's engine.py).
 * A backward pass receives the finished gradient g of the op's output and <em>adds</em> g times the local
 * derivative into each input's gradient, so a value used twice collects the sum (card 7).
 */
final class Arithmetic {

    private Arithmetic() {
    }

    /** q = x + y; ∂q/∂x = ∂q/∂y = 1: the addition gate passes the gradient on unchanged (card 3). */
    static Node add(Node x, Node y) {
        double[] a = x.value().data, b = sameShape("add", x, y).value().data;
        double[] q = new double[a.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = a[i] + b[i];
        }
        return new Node(Tensor.wrap(x.value().shape(), q), "+", g -> {
            addScaled(x, g, 1.0);
            addScaled(y, g, 1.0);
        }, x, y);
    }

    /** q = x − y; ∂q/∂x = 1, ∂q/∂y = −1. */
    static Node sub(Node x, Node y) {
        double[] a = x.value().data, b = sameShape("sub", x, y).value().data;
        double[] q = new double[a.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = a[i] - b[i];
        }
        return new Node(Tensor.wrap(x.value().shape(), q), "-", g -> {
            addScaled(x, g, 1.0);
            addScaled(y, g, -1.0);
        }, x, y);
    }

    /**
     * v = q·z elementwise; ∂v/∂q = z, ∂v/∂z = q: the multiplication gate switches the factors (card 2). The forward
     * pass keeps both factors (they are the inputs' values) for exactly this.
     */
    static Node mul(Node q, Node z) {
        double[] a = q.value().data, b = sameShape("mul", q, z).value().data;
        double[] v = new double[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a[i] * b[i];
        }
        return new Node(Tensor.wrap(q.value().shape(), v), "*", g -> {
            if (q.requiresGrad()) {
                double[] gq = q.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    gq[i] += g[i] * b[i];
                }
            }
            if (z.requiresGrad()) {
                double[] gz = z.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    gz[i] += g[i] * a[i];
                }
            }
        }, q, z);
    }

    /** y = c·x for a constant c; ∂y/∂x = c. */
    static Node scale(Node x, double c) {
        double[] a = x.value().data;
        double[] y = new double[a.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = c * a[i];
        }
        return new Node(Tensor.wrap(x.value().shape(), y), "×" + c, g -> addScaled(x, g, c), x);
    }

    /**
     * C = A·B for A [n×k], B [k×m]; ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G. All three products run with the innermost loop over
     * contiguous memory (the i-k-j order for C and Aᵀ·G, row-by-row dot products for G·Bᵀ), which lets the JIT
     * vectorise them.
     */
    static Node matmul(Node left, Node right) {
        Tensor at = left.value(), bt = right.value();
        if (at.rank() != 2 || bt.rank() != 2 || at.cols() != bt.rows()) {
            throw new IllegalArgumentException("matmul needs [n×k]·[k×m]; got " + Arrays.toString(at.shape())
                    + "·" + Arrays.toString(bt.shape()));
        }
        int n = at.rows(), k = at.cols(), m = bt.cols();
        double[] a = at.data, b = bt.data;
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
        return new Node(Tensor.wrap(new int[] {n, m}, c), "·", g -> {
            if (left.requiresGrad()) {
                double[] ga = left.gradBuffer();
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < k; p++) {
                        double s = 0;
                        int gi = i * m, bp = p * m;
                        for (int j = 0; j < m; j++) {
                            s += g[gi + j] * b[bp + j];
                        }
                        ga[i * k + p] += s;
                    }
                }
            }
            if (right.requiresGrad()) {
                double[] gb = right.gradBuffer();
                for (int i = 0; i < n; i++) {
                    int gi = i * m;
                    for (int p = 0; p < k; p++) {
                        double aip = a[i * k + p];
                        int bp = p * m;
                        for (int j = 0; j < m; j++) {
                            gb[bp + j] += aip * g[gi + j];
                        }
                    }
                }
            }
        }, left, right);
    }

    /**
     * Y = X + b with the bias b [m] (or [1×m]) added to every row of X [n×m]; ∂L/∂X = G, ∂L/∂b = Σ over rows of G
     * (the bias is used n times, so it collects n gradients: card 7).
     */
    static Node addRowVector(Node x, Node bias) {
        Tensor xt = x.value(), bt = bias.value();
        if (xt.rank() != 2 || bt.size() != xt.cols() || bt.rows() != 1) {
            throw new IllegalArgumentException("addRowVector needs [n×m] + [m]; got " + Arrays.toString(xt.shape())
                    + " + " + Arrays.toString(bt.shape()));
        }
        int n = xt.rows(), m = xt.cols();
        double[] a = xt.data, b = bt.data;
        double[] y = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                y[i * m + j] = a[i * m + j] + b[j];
            }
        }
        return new Node(Tensor.wrap(xt.shape(), y), "+b", g -> {
            addScaled(x, g, 1.0);
            if (bias.requiresGrad()) {
                double[] gb = bias.gradBuffer();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        gb[j] += g[i * m + j];
                    }
                }
            }
        }, x, bias);
    }

    /** s = Σᵢ xᵢ; ∂s/∂xᵢ = 1. */
    static Node sum(Node x) {
        return reduce(x, "Σ", 1.0);
    }

    /** m = (1/n) Σᵢ xᵢ; ∂m/∂xᵢ = 1/n. */
    static Node mean(Node x) {
        return reduce(x, "mean", 1.0 / x.value().size());
    }

    private static Node reduce(Node x, String op, double factor) {
        double s = 0;
        for (double v : x.value().data) {
            s += v;
        }
        return new Node(Tensor.scalar(factor * s), op, g -> {
            if (x.requiresGrad()) {
                double[] gx = x.gradBuffer();
                double d = factor * g[0];
                for (int i = 0; i < gx.length; i++) {
                    gx[i] += d;
                }
            }
        }, x);
    }

    /** y = f(x) elementwise; ∂L/∂x = G ⊙ f'(x, y), with x and y kept from the forward pass (card 4). */
    static Node apply(Node x, Pointwise f) {
        double[] in = x.value().data;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.value(in[i]);
        }
        return new Node(Tensor.wrap(x.value().shape(), out), f.name(), g -> {
            if (x.requiresGrad()) {
                double[] gx = x.gradBuffer();
                for (int i = 0; i < gx.length; i++) {
                    gx[i] += g[i] * f.derivative(in[i], out[i]);
                }
            }
        }, x);
    }

    /** Adds c·g into the gradient of x, if x needs one. */
    static void addScaled(Node x, double[] g, double c) {
        if (x.requiresGrad()) {
            double[] gx = x.gradBuffer();
            for (int i = 0; i < gx.length; i++) {
                gx[i] += c * g[i];
            }
        }
    }

    static Node sameShape(String op, Node x, Node y) {
        if (!x.value().sameShape(y.value())) {
            throw new IllegalArgumentException(op + " needs equal shapes; got " + Arrays.toString(x.value().shape())
                    + " and " + Arrays.toString(y.value().shape()) + " (the engine does not broadcast: addRowVector"
                    + " adds a bias to every row, scale multiplies by a constant)");
        }
        return y;
    }
}
