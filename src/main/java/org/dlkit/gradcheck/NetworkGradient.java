package org.dlkit.gradcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's gradient in DL4J's layout: one block per parameter key ({@code 0_W}, {@code 0_b}, {@code 1_W}, ...)
 * in layer order, each in DL4J's flat order (W [nIn × nOut] column-major, 'f', then b [nOut]), plus the objective
 * it is the gradient of: the mean loss over the mini-batch plus the L1/L2 penalties.
 */
public final class NetworkGradient {

    private final double objective;
    private final Map<String, double[]> blocks;

    NetworkGradient(double objective, Map<String, double[]> blocks) {
        this.objective = objective;
        this.blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
    }

    /** Mean loss + regularisation: what DL4J's {@code score()} reports. */
    public double objective() {
        return objective;
    }

    /** Parameter keys in layer order. */
    public List<String> keys() {
        return List.copyOf(blocks.keySet());
    }

    /** One block's gradient in DL4J's flat order (a copy). */
    public double[] block(String key) {
        double[] b = blocks.get(key);
        if (b == null) {
            throw new IllegalArgumentException("no parameter " + key + "; keys: " + blocks.keySet());
        }
        return b.clone();
    }

    /** All blocks concatenated: the layout of DL4J's {@code net.gradient().gradient()} and {@code net.params()}. */
    public double[] flat() {
        int n = blocks.values().stream().mapToInt(b -> b.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] b : blocks.values()) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    /** Direct access for the package; never modified. */
    double[] blockView(String key) {
        return blocks.get(key);
    }
}
