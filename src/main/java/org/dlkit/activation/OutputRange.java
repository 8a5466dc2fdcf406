package org.dlkit.activation;

/**
 * The set of values an activation can output, e.g. (0, 1) for sigmoid or [0, ∞) for ReLU.
 *
 * @param low  the lower bound ({@code Double.NEGATIVE_INFINITY} when unbounded)
 * @param high the upper bound ({@code Double.POSITIVE_INFINITY} when unbounded)
 * @param text how the course writes it, with open/closed ends, e.g. "[0, ∞)"
 */
public record OutputRange(double low, double high, String text) {

    /** True when {@code low <= y <= high} (the ends are included to allow for rounding). */
    public boolean contains(double y) {
        return y >= low && y <= high;
    }

    @Override
    public String toString() {
        return text;
    }
}
