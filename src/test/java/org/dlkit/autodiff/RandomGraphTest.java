package org.dlkit.autodiff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: on random expression graphs (fixed seeds) built from every op of the engine, with values reused by
 * several ops and by both operands of one op (card 7), backward equals central finite differences of the forward
 * pass for every parameter entry. A graph is a recipe replayed on the parameters, so a finite difference rebuilds
 * it at θ ± ε; an entry whose θ ± ε changes the sign of an input of a kinked op (ReLU family, abs, L1) measures no
 * derivative and is skipped, as the gradient check does. Across the seeds every op is used.
 */
class RandomGraphTest {

    enum Op { ADD, SUB, MUL, SCALE, MATMUL, ADD_ROW, EXP, LOG, ABS, SIGMOID, TANH, RELU, LEAKY, ELU, SOFTPLUS,
        SOFTSIGN, IDENTITY, SELU, SWISH, SOFTMAX, SUM, MEAN, MCXENT, SIGMOID_XENT, CROSS_ENTROPY, XENT, MSE, L1 }

    private static final Op[] STEPS = Arrays.stream(Op.values()).filter(o -> o.ordinal() < Op.SUM.ordinal())
            .toArray(Op[]::new);
    private static final Op[] ENDS = {Op.SUM, Op.MEAN, Op.MCXENT, Op.SIGMOID_XENT, Op.CROSS_ENTROPY, Op.XENT, Op.MSE,
            Op.L1};
    private static final int ROWS = 3, COLS = 4;
    private static final double EPS = 1e-6;
    private static final Set<Op> SEEN = EnumSet.noneOf(Op.class);

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    /** Builds the graph of {@code seed} on {@code params}, recording every input of a kinked op in {@code kinks}. */
    private static Node build(long seed, List<Node> params, List<Tensor> kinks) {
        Random r = new Random(seed);
        Tensor labels = labels(r), oneHot = oneHot(r), binary = binary(r);
        List<Node> pool = new ArrayList<>(params.subList(0, 2));
        Node w = params.get(2), b = params.get(3);
        int steps = 3 + r.nextInt(8);
        for (int s = 0; s < steps; s++) {
            Op op = STEPS[r.nextInt(STEPS.length)];
            Node x = pool.get(r.nextInt(pool.size())), y = pool.get(r.nextInt(pool.size()));
            Node out = switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y).tanh();
                case SCALE -> x.scale(r.nextGaussian());
                case MATMUL -> x.matmul(w);
                case ADD_ROW -> x.addRowVector(b);
                case EXP -> x.tanh().exp();
                case LOG -> x.softplus().log();
                case ABS -> kinked(x, kinks).abs();
                case SIGMOID -> x.sigmoid();
                case TANH -> x.tanh();
                case RELU -> kinked(x, kinks).relu();
                case LEAKY -> kinked(x, kinks).leakyRelu(0.1);
                case ELU -> kinked(x, kinks).elu(0.5);
                case SOFTPLUS -> x.softplus();
                case SOFTSIGN -> x.softsign();
                case IDENTITY -> x.identity();
                case SELU -> kinked(x, kinks).apply(Pointwise.SELU);
                case SWISH -> x.apply(Pointwise.SWISH);
                case SOFTMAX -> x.softmax();
                default -> throw new IllegalStateException(op.name());
            };
            SEEN.add(op);
            pool.add(out);
        }
        Node last = pool.get(pool.size() - 1), other = pool.get(r.nextInt(pool.size()));
        Node mixed = last.add(other);           // the last value and one reused
        Op end = ENDS[r.nextInt(ENDS.length)];
        SEEN.add(end);
        return switch (end) {
            case SUM -> mixed.mul(Node.constant(labels, "c")).sum();
            case MEAN -> mixed.mul(mixed).mean();
            case MCXENT -> Loss.mcxent(mixed, Node.constant(oneHot, "y"));
            case SIGMOID_XENT -> Loss.sigmoidXent(mixed, Node.constant(binary, "y"));
            case CROSS_ENTROPY -> Loss.crossEntropy(mixed.softmax(), Node.constant(oneHot, "y"));
            case XENT -> Loss.xent(mixed.sigmoid(), Node.constant(binary, "y"));
            case MSE -> Loss.mse(mixed, Node.constant(labels, "y"));
            case L1 -> {
                kinks.add(mixed.sub(Node.constant(labels, "y")).value());
                yield Loss.l1(mixed, Node.constant(labels, "y"));
            }
            default -> throw new IllegalStateException(end.name());
        };
    }

    private static Node kinked(Node x, List<Tensor> kinks) {
        kinks.add(x.value());
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backwardEqualsFiniteDifferencesOnARandomGraph(long seed) {
        Random r = new Random(~seed);
        List<Tensor> theta = List.of(random(r, ROWS, COLS), random(r, ROWS, COLS), random(r, COLS, COLS),
                Tensor.vector(random(r, 1, COLS).toArray()));
        List<Node> params = leaves(theta);
        Node f = build(seed, params, new ArrayList<>());
        f.backward();
        int compared = 0;
        for (int p = 0; p < theta.size(); p++) {
            double[] grad = params.get(p).grad().toArray();
            for (int i = 0; i < grad.length; i++) {
                List<Tensor> kinksUp = new ArrayList<>(), kinksDown = new ArrayList<>();
                double up = build(seed, leaves(moved(theta, p, i, EPS)), kinksUp).value().item();
                double down = build(seed, leaves(moved(theta, p, i, -EPS)), kinksDown).value().item();
                if (!signs(kinksUp).equals(signs(kinksDown))) {
                    continue;
                }
                double fd = (up - down) / (2 * EPS);
                double diff = Math.abs(fd - grad[i]);
                assertTrue(diff <= 1e-6 + 1e-5 * Math.abs(fd) + 8 * Math.ulp(1.0) * Math.abs(f.value().item()) / EPS,
                        "seed " + seed + ", parameter " + p + " entry " + i + ": backward " + grad[i] + ", FD " + fd);
                compared++;
            }
        }
        assertTrue(compared > 0, "seed " + seed + ": every entry sat at a kink");
    }

    @org.junit.jupiter.api.AfterAll
    static void everyOpWasUsed() {
        if (SEEN.size() > 0) {       // only when the seeds above ran
            assertEquals(EnumSet.allOf(Op.class), SEEN, "ops used by the random graphs");
        }
    }

    private static List<Node> leaves(List<Tensor> theta) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < theta.size(); i++) {
            out.add(Node.parameter(theta.get(i), "p" + i));
        }
        return out;
    }

    private static List<Tensor> moved(List<Tensor> theta, int p, int i, double delta) {
        List<Tensor> out = new ArrayList<>(theta);
        double[] v = theta.get(p).toArray();
        v[i] += delta;
        out.set(p, Tensor.wrap(theta.get(p).shape(), v));
        return out;
    }

    private static List<Double> signs(List<Tensor> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(t -> Arrays.stream(t.toArray()).forEach(v -> out.add(Math.signum(v))));
        return out;
    }

    private static Tensor random(Random r, int rows, int cols) {
        double[] v = new double[rows * cols];
        Arrays.setAll(v, i -> r.nextGaussian());
        return Tensor.matrix(rows, cols, v);
    }

    private static Tensor labels(Random r) {
        return random(r, ROWS, COLS);
    }

    private static Tensor oneHot(Random r) {
        double[] v = new double[ROWS * COLS];
        for (int i = 0; i < ROWS; i++) {
            v[i * COLS + r.nextInt(COLS)] = 1;
        }
        return Tensor.matrix(ROWS, COLS, v);
    }

    private static Tensor binary(Random r) {
        double[] v = new double[ROWS * COLS];
        Arrays.setAll(v, i -> r.nextInt(2));
        return Tensor.matrix(ROWS, COLS, v);
    }
}
