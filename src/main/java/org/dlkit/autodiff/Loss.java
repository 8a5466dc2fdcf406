package org.dlkit.autodiff;

/**
 * Row-wise softmax and the loss functions, forward and backward side by side. Every loss is the <em>mean over the
 * mini-batch rows</em> of a per-example loss defined as DL4J defines it (so the values equal DL4J's
 * {@code score()}), with N rows and C columns:
 *
 * <ul>
 *   <li>MCXENT: −(1/N) Σᵢ Σⱼ yᵢⱼ ln pᵢⱼ</li>
 *   <li>XENT (binary cross-entropy): −(1/N) Σᵢ Σⱼ [yᵢⱼ ln pᵢⱼ + (1 − yᵢⱼ) ln(1 − pᵢⱼ)]; fused with the sigmoid in
 *       {@link #sigmoidXent}</li>
 *   <li>MSE: (1/N) Σᵢ (1/C) Σⱼ (ŷᵢⱼ − yᵢⱼ)²</li>
 *   <li>L1: (1/N) Σᵢ Σⱼ |ŷᵢⱼ − yᵢⱼ|</li>
 * </ul>
 *
 * Labels are data: they must be {@link Node#constant constants}, and no gradient flows into them. No loss clips its
 * input (DL4J's LossMCXENT and LossBinaryXENT do by default; the gradient check turns that off on its copy).
 */
public final class Loss {

    private Loss() {
    }

    /**
     * Row-wise softmax pᵢⱼ = e^(zᵢⱼ − mᵢ) / Σₖ e^(zᵢₖ − mᵢ) with mᵢ = maxₖ zᵢₖ (subtracting the row maximum changes
     * nothing mathematically and keeps exp from overflowing). Backward, from the kept output p:
     * ∂L/∂zᵢⱼ = pᵢⱼ (gᵢⱼ − Σₖ gᵢₖ pᵢₖ).
     */
    static Node softmax(Node z) {
        int n = z.value().rows(), c = z.value().cols();
        double[] p = softmaxRows(z.value().data, n, c);
        return new Node(Tensor.wrap(z.value().shape(), p), "softmax", g -> {
            if (z.requiresGrad()) {
                softmaxBackward(p, g, z.gradBuffer(), n, c);
            }
        }, z);
    }

    /**
     * softmax(z)ⱼ = e^(zⱼ − m) / Σₖ e^(zₖ − m) of one vector, m = maxₖ zₖ: the one softmax formula of the project
     * (the activation catalogue's softmax is this function).
     */
    public static double[] softmax(double[] z) {
        return softmaxRows(z, 1, z.length);
    }

    /**
     * The vector-Jacobian product of softmax from its output s and the upstream gradient g:
     * ∂L/∂zⱼ = sⱼ (gⱼ − Σₖ gₖ sₖ), since ∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ).
     */
    public static double[] softmaxBackward(double[] s, double[] g) {
        if (s.length != g.length) {
            throw new IllegalArgumentException("softmax output has " + s.length + " elements, the upstream gradient "
                    + g.length);
        }
        double[] out = new double[s.length];
        softmaxBackward(s, g, out, 1, s.length);
        return out;
    }

    /** Adds the softmax backward of every row of p [n × c] into gz. */
    private static void softmaxBackward(double[] p, double[] g, double[] gz, int n, int c) {
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < c; j++) {
                dot += g[i * c + j] * p[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                gz[i * c + j] += p[i * c + j] * (g[i * c + j] - dot);
            }
        }
    }

    /**
     * MCXENT of softmax(logits), fused and numerically stable: ln pᵢⱼ = zᵢⱼ − mᵢ − ln Σₖ e^(zᵢₖ − mᵢ). Backward,
     * from the kept p and row label sums sᵢ = Σⱼ yᵢⱼ: ∂L/∂zᵢⱼ = (pᵢⱼ sᵢ − yᵢⱼ) / N, which is the familiar p − y
     * when every label row sums to 1 (one-hot).
     */
    public static Node mcxent(Node logits, Node labels) {
        Tensor zt = logits.value();
        double[] y = labelsFor("mcxent", logits, labels);
        int n = zt.rows(), c = zt.cols();
        double[] z = zt.data;
        double[] p = softmaxRows(z, n, c);
        double[] rowSums = new double[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = rowMax(z, i, c);
            double logSum = 0;
            for (int j = 0; j < c; j++) {
                logSum += Math.exp(z[i * c + j] - max);
            }
            logSum = Math.log(logSum);
            for (int j = 0; j < c; j++) {
                double yij = y[i * c + j];
                rowSums[i] += yij;
                if (yij != 0) {
                    loss -= yij * (z[i * c + j] - max - logSum);
                }
            }
        }
        return lossNode("mcxent", loss / n, logits, labels, (gz, g0) -> {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int k = i * c + j;
                    gz[k] += g0 / n * (p[k] * rowSums[i] - y[k]);
                }
            }
        });
    }

    /**
     * XENT of σ(logits), fused and numerically stable: per entry softplus(z) − y·z, which equals
     * −[y ln σ(z) + (1 − y) ln(1 − σ(z))] without forming 1 − σ(z) (that loses all digits once σ(z) is near 1).
     * Backward, from the kept σ(z): ∂L/∂z = (σ(z) − y) / N.
     */
    public static Node sigmoidXent(Node logits, Node labels) {
        double[] y = labelsFor("sigmoidXent", logits, labels);
        double[] z = logits.value().data;
        int n = logits.value().rows();
        double[] p = new double[z.length];
        double loss = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Pointwise.sigmoid(z[k]);
            loss += Pointwise.SOFTPLUS.value(z[k]) - y[k] * z[k];
        }
        return lossNode("xent", loss / n, logits, labels, (gz, g0) -> {
            for (int k = 0; k < z.length; k++) {
                gz[k] += g0 / n * (p[k] - y[k]);
            }
        });
    }

    /** MCXENT on probabilities from any activation: L = −(1/N) Σ y ln p; ∂L/∂p = −y / (N p). */
    public static Node crossEntropy(Node probabilities, Node labels) {
        double[] y = labelsFor("crossEntropy", probabilities, labels);
        double[] p = probabilities.value().data;
        int n = probabilities.value().rows();
        double loss = 0;
        for (int k = 0; k < p.length; k++) {
            if (y[k] != 0) {
                loss -= y[k] * Math.log(p[k]);
            }
        }
        return lossNode("mcxent", loss / n, probabilities, labels, (gp, g0) -> {
            for (int k = 0; k < p.length; k++) {
                gp[k] -= g0 / n * y[k] / p[k];
            }
        });
    }

    /**
     * Binary cross-entropy of probabilities p (usually sigmoid outputs), summed over columns, averaged over rows.
     * ∂L/∂p = (p − y) / (N p (1 − p)).
     */
    public static Node xent(Node probabilities, Node labels) {
        double[] y = labelsFor("xent", probabilities, labels);
        double[] p = probabilities.value().data;
        int n = probabilities.value().rows();
        double loss = 0;
        for (int k = 0; k < p.length; k++) {
            loss -= y[k] * Math.log(p[k]) + (1 - y[k]) * Math.log(1 - p[k]);
        }
        return lossNode("xent", loss / n, probabilities, labels, (gp, g0) -> {
            for (int k = 0; k < p.length; k++) {
                gp[k] += g0 / n * (p[k] - y[k]) / (p[k] * (1 - p[k]));
            }
        });
    }

    /** Mean squared error per example (averaged over the C outputs), averaged over rows; ∂L/∂ŷ = 2(ŷ − y)/(N C). */
    public static Node mse(Node predictions, Node labels) {
        double[] y = labelsFor("mse", predictions, labels);
        double[] a = predictions.value().data;
        int n = predictions.value().rows(), c = predictions.value().cols();
        double loss = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - y[k];
            loss += d * d;
        }
        return lossNode("mse", loss / ((double) n * c), predictions, labels, (ga, g0) -> {
            for (int k = 0; k < a.length; k++) {
                ga[k] += g0 * 2 * (a[k] - y[k]) / ((double) n * c);
            }
        });
    }

    /** L1 loss: absolute errors summed over outputs, averaged over rows; ∂L/∂ŷ = sign(ŷ − y)/N. */
    public static Node l1(Node predictions, Node labels) {
        double[] y = labelsFor("l1", predictions, labels);
        double[] a = predictions.value().data;
        int n = predictions.value().rows();
        double loss = 0;
        for (int k = 0; k < a.length; k++) {
            loss += Math.abs(a[k] - y[k]);
        }
        return lossNode("l1", loss / n, predictions, labels, (ga, g0) -> {
            for (int k = 0; k < a.length; k++) {
                ga[k] += g0 * Math.signum(a[k] - y[k]) / n;
            }
        });
    }

    /** How a loss adds its gradient into its prediction input's gradient, given the upstream scalar gradient g0. */
    @FunctionalInterface
    private interface LossBackward {
        void addInto(double[] predictionGrad, double g0);
    }

    private static Node lossNode(String op, double loss, Node prediction, Node labels, LossBackward backward) {
        return new Node(Tensor.scalar(loss), op, g -> {
            if (prediction.requiresGrad()) {
                backward.addInto(prediction.gradBuffer(), g[0]);
            }
        }, prediction, labels);
    }

    private static double[] labelsFor(String op, Node prediction, Node labels) {
        if (labels.requiresGrad()) {
            throw new IllegalArgumentException(op + ": labels must be a constant node (Node.constant)");
        }
        Arithmetic.sameShape(op, prediction, labels);
        return labels.value().data;
    }

    private static double[] softmaxRows(double[] z, int n, int c) {
        double[] p = new double[z.length];
        for (int i = 0; i < n; i++) {
            double max = rowMax(z, i, c);
            double sum = 0;
            for (int j = 0; j < c; j++) {
                p[i * c + j] = Math.exp(z[i * c + j] - max);
                sum += p[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                p[i * c + j] /= sum;
            }
        }
        return p;
    }

    private static double rowMax(double[] z, int row, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            max = Math.max(max, z[row * c + j]);
        }
        return max;
    }
}
