package org.dlkit.autodiff;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lecture's scalar examples (cards 1–4, 6, 7) on the engine. */
class CourseCardsTest {

    /** Card 1: f = (x + y)·z at x = −2, y = 5, z = −4 gives the hand-derived gradients. */
    @Test
    void backpropMultipliesLocalDerivativesUpstream() {
        Node x = Node.scalar(-2, "x"), y = Node.scalar(5, "y"), z = Node.scalar(-4, "z");
        Node q = x.add(y).label("q");
        Node f = q.mul(z).label("f");
        f.backward();

        assertEquals(-12.0, f.value().item());
        assertEquals(-4.0, x.grad().item()); // ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1
        assertEquals(-4.0, y.grad().item());
        assertEquals(3.0, z.grad().item()); // ∂f/∂z = q
        assertEquals(-4.0, q.grad().item());
    }

    /** Card 2: at v = q·z the gradient of each factor is the other factor. */
    @Test
    void multiplicationGateSwitchesTheFactors() {
        Node q = Node.scalar(3, "q"), z = Node.scalar(-4, "z");
        Node v = q.mul(z);
        v.backward();
        assertEquals(-4.0, q.grad().item()); // dv/dq = z
        assertEquals(3.0, z.grad().item()); // dv/dz = q

        Node upstream = v.scale(2.5); // with an upstream gradient 2.5 both are scaled, still switched
        upstream.backward();
        assertEquals(2.5 * -4, q.grad().item());
        assertEquals(2.5 * 3, z.grad().item());
    }

    /** Card 3: at q = x + y the upstream gradient reaches both inputs unchanged. */
    @Test
    void additionGatePassesTheGradientUnchanged() {
        Node x = Node.scalar(1.7, "x"), y = Node.scalar(-0.3, "y");
        Node f = x.add(y).scale(-7.25);
        f.backward();
        assertEquals(-7.25, x.grad().item());
        assertEquals(-7.25, y.grad().item());
    }

    /** Card 6: σ'(x) = y(1 − y), equal to a central finite difference. */
    @Test
    void sigmoidGradientIsYTimesOneMinusY() {
        for (double x0 : new double[] {-3, -0.5, 0, 0.8, 4}) {
            Node x = Node.scalar(x0, "x");
            Node y = x.sigmoid();
            y.backward();
            double s = y.value().item();
            assertEquals(s * (1 - s), x.grad().item(), 1e-15);
            double h = 1e-6;
            double fd = (Pointwise.sigmoid(x0 + h) - Pointwise.sigmoid(x0 - h)) / (2 * h);
            assertEquals(fd, x.grad().item(), 1e-9);
        }
    }

    /**
     * Card 4 and 6: backward reads the output kept by the forward pass. The sigmoid's function is counted: it runs
     * once per element in forward and never in backward; and overwriting the kept output changes the gradient to
     * y(1 − y) of the overwritten value, which proves that is what backward uses.
     */
    @Test
    void sigmoidBackwardUsesTheKeptOutputWithoutRecomputing() {
        AtomicInteger evaluations = new AtomicInteger();
        Pointwise counted = Pointwise.of("σ", v -> {
            evaluations.incrementAndGet();
            return Pointwise.SIGMOID.value(v);
        }, Pointwise.SIGMOID::derivative);
        Node x = Node.parameter(Tensor.vector(0.5, -1.0, 2.0), "x");
        Node y = x.apply(counted);
        Node f = y.sum();
        assertEquals(3, evaluations.get());
        f.backward();
        assertEquals(3, evaluations.get(), "backward must not evaluate the sigmoid again");

        y.value().data[0] = 0.3; // tamper with the kept output
        f.backward();
        assertEquals(0.3 * 0.7, x.grad().get(0), 1e-15);
        assertEquals(3, evaluations.get());
    }

    /** Card 7: a value used twice receives the sum of both upstream gradients. */
    @Test
    void valueUsedTwiceGetsTheSumOfItsGradients() {
        Node a = Node.scalar(3, "a");
        Node f = a.mul(a); // f = a², both factors are a: 3 + 3
        f.backward();
        assertEquals(6.0, a.grad().item());

        Node b = Node.scalar(-2, "b"), c = Node.scalar(5, "c");
        Node g = b.mul(c).add(b.exp()); // g = bc + e^b: ∂g/∂b = c + e^b
        g.backward();
        assertEquals(5 + Math.exp(-2), b.grad().item(), 1e-15);
        assertEquals(-2.0, c.grad().item());
    }

    @Test
    void backwardTwiceGivesTheSameGradientsAndSkipsConstants() {
        Node w = Node.scalar(2, "w");
        Node x = Node.constant(Tensor.scalar(3), "x");
        Node f = w.mul(x).tanh();
        f.backward();
        double first = w.grad().item();
        f.backward();
        assertEquals(first, w.grad().item());
        assertEquals(3 * (1 - Math.pow(Math.tanh(6), 2)), first, 1e-15);
        assertEquals(0.0, x.grad().item()); // no gradient is computed for data
    }
}
