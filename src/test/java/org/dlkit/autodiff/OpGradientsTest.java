package org.dlkit.autodiff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every op's backward equals a central finite difference of its forward pass. */
class OpGradientsTest {

    private static final Random RANDOM = new Random(20240517);

    /** A scalar function of parameter nodes, so each op can be checked entry by entry. */
    record Case(String name, Function<List<Node>, Node> f, Tensor... inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Tensor a = random(3, 4), b = random(3, 4), w = random(4, 2), bias = Tensor.vector(0.3, -0.2);
        Tensor positive = positive(3, 4), probabilities = probabilities(3, 4);
        Node labels = Node.constant(random(3, 4), "y");
        Node oneHot = Node.constant(oneHot(3, 4), "y");
        Node binary = Node.constant(Tensor.matrix(3, 4, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1), "y");
        Node weights = Node.constant(random(3, 4), "c");
        return Stream.of(
                new Case("add", p -> p.get(0).add(p.get(1)).mul(weights).sum(), a, b),
                new Case("sub", p -> p.get(0).sub(p.get(1)).mul(weights).sum(), a, b),
                new Case("mul", p -> p.get(0).mul(p.get(1)).sum(), a, b),
                new Case("scale", p -> p.get(0).scale(-1.5).mul(weights).sum(), a),
                new Case("matmul", p -> p.get(0).matmul(p.get(1)).tanh().sum(), a, w),
                new Case("addRowVector", p -> p.get(0).matmul(p.get(1)).addRowVector(p.get(2)).sigmoid().sum(),
                        a, w, bias),
                new Case("mean", p -> p.get(0).mul(p.get(0)).mean(), a),
                new Case("exp", p -> p.get(0).exp().mul(weights).sum(), a),
                new Case("log", p -> p.get(0).log().mul(weights).sum(), positive),
                new Case("abs", p -> p.get(0).abs().mul(weights).sum(), a),
                new Case("sigmoid", p -> p.get(0).sigmoid().mul(weights).sum(), a),
                new Case("tanh", p -> p.get(0).tanh().mul(weights).sum(), a),
                new Case("relu", p -> p.get(0).relu().mul(weights).sum(), a),
                new Case("leakyrelu", p -> p.get(0).leakyRelu(0.2).mul(weights).sum(), a),
                new Case("elu", p -> p.get(0).elu(0.7).mul(weights).sum(), a),
                new Case("softplus", p -> p.get(0).softplus().mul(weights).sum(), a),
                new Case("softsign", p -> p.get(0).softsign().mul(weights).sum(), a),
                new Case("identity", p -> p.get(0).identity().mul(weights).sum(), a),
                new Case("softmax", p -> p.get(0).softmax().mul(weights).sum(), a),
                new Case("mcxent", p -> Loss.mcxent(p.get(0), oneHot), a),
                new Case("mcxent soft labels", p -> Loss.mcxent(p.get(0), Node.constant(probabilities, "y")), a),
                new Case("crossEntropy", p -> Loss.crossEntropy(p.get(0), oneHot), probabilities),
                new Case("xent", p -> Loss.xent(p.get(0), binary), probabilities),
                new Case("mse", p -> Loss.mse(p.get(0), labels), a),
                new Case("l1", p -> Loss.l1(p.get(0), labels), a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardEqualsCentralFiniteDifference(Case c) {
        List<Node> params = Stream.of(c.inputs()).map(t -> Node.parameter(t, "p")).toList();
        Node out = c.f().apply(params);
        out.backward();
        double h = 1e-6;
        for (int i = 0; i < params.size(); i++) {
            double[] analytic = params.get(i).grad().toArray();
            for (int k = 0; k < analytic.length; k++) {
                double fd = (valueWith(c, i, k, h) - valueWith(c, i, k, -h)) / (2 * h);
                assertEquals(fd, analytic[k], 1e-7 * Math.max(1, Math.abs(fd)), c + ": input " + i + " entry " + k);
            }
        }
    }

    @Test
    void softmaxRowsSumToOneAndSurviveLargeLogits() {
        Node p = Node.constant(Tensor.matrix(2, 3, 1000, 1001, 1002, -5, 0, 5), "z").softmax();
        for (int r = 0; r < 2; r++) {
            assertEquals(1.0, p.value().get(r, 0) + p.value().get(r, 1) + p.value().get(r, 2), 1e-15);
        }
        Node loss = Loss.mcxent(Node.parameter(Tensor.matrix(1, 3, 1000, 0, -1000), "z"),
                Node.constant(Tensor.matrix(1, 3, 0, 1, 0), "y"));
        assertEquals(1000.0, loss.value().item(), 1e-9);
    }

    @Test
    void lossesMatchTheirDefinitions() {
        Node pred = Node.parameter(Tensor.matrix(2, 2, 0.5, 2, -1, 0), "ŷ");
        Node y = Node.constant(Tensor.matrix(2, 2, 1, 1, 1, 1), "y");
        assertEquals((0.25 + 1 + 4 + 1) / 4, Loss.mse(pred, y).value().item(), 1e-15);
        assertEquals((0.5 + 1 + 2 + 1) / 2, Loss.l1(pred, y).value().item(), 1e-15);
        Node p = Node.parameter(Tensor.matrix(1, 2, 0.8, 0.3), "p");
        Node t = Node.constant(Tensor.matrix(1, 2, 1, 0), "t");
        assertEquals(-Math.log(0.8) - Math.log(0.7), Loss.xent(p, t).value().item(), 1e-15);
    }

    @Test
    void shapeMismatchesAndTrainableLabelsAreRejected() {
        Node a = Node.parameter(random(2, 3), "a");
        assertThrows(IllegalArgumentException.class, () -> a.add(Node.parameter(random(3, 2), "b")));
        assertThrows(IllegalArgumentException.class, () -> a.matmul(Node.parameter(random(2, 3), "b")));
        assertThrows(IllegalArgumentException.class, () -> a.addRowVector(Node.parameter(Tensor.vector(1, 2), "b")));
        assertThrows(IllegalArgumentException.class, () -> Loss.mse(a, Node.parameter(random(2, 3), "y")));
        assertThrows(IllegalStateException.class, () -> a.backward());
    }

    private static double valueWith(Case c, int input, int entry, double delta) {
        List<Node> params = new java.util.ArrayList<>();
        for (int i = 0; i < c.inputs().length; i++) {
            double[] data = c.inputs()[i].toArray();
            if (i == input) {
                data[entry] += delta;
            }
            params.add(Node.parameter(Tensor.wrap(c.inputs()[i].shape(), data), "p"));
        }
        return c.f().apply(params).value().item();
    }

    /** Uniform in ±(0.1..2): away from the kinks of ReLU, Leaky ReLU and |x| at 0. */
    private static Tensor random(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = (0.1 + 1.9 * RANDOM.nextDouble()) * (RANDOM.nextBoolean() ? 1 : -1);
        }
        return Tensor.matrix(rows, cols, d);
    }

    private static Tensor positive(int rows, int cols) {
        double[] d = random(rows, cols).toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i]);
        }
        return Tensor.matrix(rows, cols, d);
    }

    private static Tensor probabilities(int rows, int cols) {
        double[] d = positive(rows, cols).toArray();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += d[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                d[r * cols + j] /= s;
            }
        }
        return Tensor.matrix(rows, cols, d);
    }

    private static Tensor oneHot(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            d[r * cols + RANDOM.nextInt(cols)] = 1;
        }
        return Tensor.matrix(rows, cols, d);
    }
}
