package org.dlkit.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value in a computational graph, micrograd-style: its forward {@link #value()}, the op that made it, the nodes it
 * was made from, and after {@link #backward()} its {@link #grad() gradient} ∂root/∂this.
 *
 * <p>Backpropagation goes upstream through the graph and multiplies local derivatives (card 1): {@link #backward()}
 * visits the nodes in reverse topological order, and each op pushes its output gradient to its inputs with the local
 * derivatives it kept during the forward pass (card 4). A value used by several ops receives the <em>sum</em> of the
 * gradients flowing back from each use (card 7): every op adds into its inputs' gradients, none overwrites them.
 *
 * <pre>{@code
 * Node x = Node.scalar(-2, "x"), y = Node.scalar(5, "y"), z = Node.scalar(-4, "z");
 * Node f = x.add(y).mul(z);       // f = (x + y)·z = -12
 * f.backward();                    // ∂f/∂x = -4, ∂f/∂y = -4, ∂f/∂z = 3
 * }</pre>
 */
public final class Node {

    /** How an op sends the gradient of its output (already complete when called) back to its inputs. */
    @FunctionalInterface
    interface Backward {
        void propagate(double[] outputGrad);
    }

    private final Tensor value;
    private final String op;
    private final List<Node> inputs;
    private final Backward backward;
    private final boolean requiresGrad;
    private String label;
    /** ∂root/∂this, row-major like {@link #value}; allocated by {@link #backward()}. */
    double[] grad;

    Node(Tensor value, String op, Backward backward, Node... inputs) {
        this.value = value;
        this.op = op;
        this.backward = backward;
        this.inputs = List.of(inputs);
        boolean any = false;
        for (Node in : inputs) {
            any |= in.requiresGrad;
        }
        this.requiresGrad = any;
        this.label = "";
    }

    private Node(Tensor value, String label, boolean requiresGrad) {
        this.value = value;
        this.op = "";
        this.backward = null;
        this.inputs = List.of();
        this.requiresGrad = requiresGrad;
        this.label = label;
    }

    /** A leaf we want the gradient of (a weight, a bias, a lecture variable). */
    public static Node parameter(Tensor value, String label) {
        return new Node(value, label, true);
    }

    /** A scalar leaf we want the gradient of. */
    public static Node scalar(double value, String label) {
        return parameter(Tensor.scalar(value), label);
    }

    /** A leaf that is data, not a parameter (features, labels): backward computes no gradient for it. */
    public static Node constant(Tensor value, String label) {
        return new Node(value, label, false);
    }

    public Tensor value() {
        return value;
    }

    /** ∂root/∂this from the last {@link #backward()} through this node; zeros if no gradient reached it. */
    public Tensor grad() {
        return Tensor.wrap(value.shape(), grad == null ? new double[value.size()] : grad.clone());
    }

    /** The op that made this node ("+", "*", "σ", ...); empty for a leaf. */
    public String op() {
        return op;
    }

    public List<Node> inputs() {
        return inputs;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public String label() {
        return label;
    }

    /** Names this node (for drawings); returns it for chaining. */
    public Node label(String newLabel) {
        this.label = newLabel;
        return this;
    }

    // ----- ops; their forward and backward live side by side in Arithmetic, Pointwise and Loss -----

    public Node add(Node other) {
        return Arithmetic.add(this, other);
    }

    public Node sub(Node other) {
        return Arithmetic.sub(this, other);
    }

    /** Elementwise product. */
    public Node mul(Node other) {
        return Arithmetic.mul(this, other);
    }

    /** Multiplies every element by a constant. */
    public Node scale(double factor) {
        return Arithmetic.scale(this, factor);
    }

    public Node matmul(Node other) {
        return Arithmetic.matmul(this, other);
    }

    /** Adds a bias vector to every row of a matrix. */
    public Node addRowVector(Node bias) {
        return Arithmetic.addRowVector(this, bias);
    }

    public Node sum() {
        return Arithmetic.sum(this);
    }

    public Node mean() {
        return Arithmetic.mean(this);
    }

    /** Applies an elementwise function whose derivative reads the kept input and output. */
    public Node apply(Pointwise function) {
        return Arithmetic.apply(this, function);
    }

    public Node exp() {
        return apply(Pointwise.EXP);
    }

    public Node log() {
        return apply(Pointwise.LOG);
    }

    public Node abs() {
        return apply(Pointwise.ABS);
    }

    public Node sigmoid() {
        return apply(Pointwise.SIGMOID);
    }

    public Node tanh() {
        return apply(Pointwise.TANH);
    }

    public Node relu() {
        return apply(Pointwise.RELU);
    }

    public Node leakyRelu(double alpha) {
        return apply(Pointwise.leakyRelu(alpha));
    }

    public Node elu(double alpha) {
        return apply(Pointwise.elu(alpha));
    }

    public Node softplus() {
        return apply(Pointwise.SOFTPLUS);
    }

    public Node softsign() {
        return apply(Pointwise.SOFTSIGN);
    }

    public Node identity() {
        return apply(Pointwise.IDENTITY);
    }

    /** Row-wise softmax. */
    public Node softmax() {
        return Loss.softmax(this);
    }

    // ----- backpropagation -----

    /**
     * Backpropagates from this scalar node: sets ∂this/∂this = 1 and, in reverse topological order, lets every op
     * push its gradient to its inputs. Gradients from an earlier call are reset first, so calling twice gives the
     * same result. Nodes that do not depend on a {@link #parameter} are skipped.
     *
     * @throws IllegalStateException when this node is not a scalar, or depends on no parameter at all
     */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() starts from a scalar; this node has " + value.size() + " values");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): this value depends on no Node.parameter, so there is no gradient"
                    + " to compute; make the leaves you want gradients of parameters, not constants");
        }
        List<Node> order = topologicalOrder();
        for (Node n : order) {
            n.grad = new double[n.value.size()];
        }
        grad[0] = 1.0;
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (n.backward != null) {
                n.backward.propagate(n.grad);
            }
        }
    }

    /** Every node this one depends on that needs a gradient, inputs before the nodes made from them. */
    List<Node> topologicalOrder() {
        List<Node> order = new ArrayList<>();
        if (!requiresGrad) {
            return order;
        }
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.put(this, true);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            int i = next.pop();
            if (i < n.inputs.size()) {
                next.push(i + 1);
                Node in = n.inputs.get(i);
                if (in.requiresGrad && seen.put(in, true) == null) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                order.add(stack.pop());
            }
        }
        return order;
    }

    /** Every node of the graph below this one (constants included), inputs first. */
    List<Node> allNodes() {
        List<Node> order = new ArrayList<>();
        collect(this, Collections.newSetFromMap(new IdentityHashMap<>()), order);
        return order;
    }

    private static void collect(Node n, java.util.Set<Node> seen, List<Node> order) {
        if (!seen.add(n)) {
            return;
        }
        for (Node in : n.inputs) {
            collect(in, seen, order);
        }
        order.add(n);
    }

    /** The gradient buffer ops add into; the node must be part of the running backward pass. */
    double[] gradBuffer() {
        return grad;
    }

    @Override
    public String toString() {
        String name = label.isEmpty() ? (op.isEmpty() ? "leaf" : op) : label;
        return name + "=" + value;
    }
}
