package org.dlkit.autodiff;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Zero-size tensors, graphs without parameters and shapes the engine does not broadcast: a clear error each. */
class DegenerateInputsTest {

    @Test
    void aMatrixWithoutRowsIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][]));
        assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{}}));
        assertTrue(cols.getMessage().contains("[1, 0]"), cols.getMessage());
        assertThrows(IllegalArgumentException.class, Tensor::vector);
    }

    @Test
    void backwardFromAGraphWithoutParametersSaysSo() {
        Node c = Node.constant(Tensor.matrix(1, 2, 1, 2), "c");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.sum().backward());
        assertTrue(e.getMessage().contains("Node.parameter"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Node.constant(Tensor.scalar(3), "k").backward());
    }

    @Test
    void noBroadcastingAndTheMessageNamesTheOpThatDoesIt() {
        Node x = Node.parameter(Tensor.matrix(2, 3, 1, 2, 3, 4, 5, 6), "x");
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> x.add(Node.parameter(Tensor.vector(1, 2, 3), "b")));
        assertTrue(bias.getMessage().contains("[2, 3] and [3]") && bias.getMessage().contains("addRowVector"),
                bias.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> x.mul(Node.scalar(2, "s")));
        assertTrue(scalar.getMessage().contains("scale"), scalar.getMessage());
        // the ops it names do the job
        Node y = x.addRowVector(Node.parameter(Tensor.vector(1, 2, 3), "b")).scale(2);
        assertArrayEquals(new double[] {4, 8, 12, 10, 14, 18}, y.value().toArray());
    }

    @Test
    void aValueUsedTwiceInOneOpGetsBothContributions() {
        Node x = Node.parameter(Tensor.vector(3, -2), "x");
        Node f = x.mul(x).add(x).sum();       // Σ x² + x; ∂/∂x = 2x + 1
        f.backward();
        assertArrayEquals(new double[] {7, -3}, x.grad().toArray());
        f.backward();                          // a second backward starts afresh
        assertEquals(7, x.grad().get(0));
    }
}
