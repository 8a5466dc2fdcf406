package org.dlkit.gradcheck;

import org.dlkit.autodiff.Pointwise;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.activations.IActivation;

import java.util.HashMap;
import java.util.Map;

/**
 * Tolerances and finite-difference settings of a {@link GradientCheck}; immutable, change with the {@code with…}
 * methods. An entry pair (a, b) agrees when its relative error |a − b| / (|a| + |b|) is at most the maximum
 * relative error, or when |a − b| is below the absolute floor (near-zero gradients, where relative error means
 * nothing).
 *
 * <ul>
 *   <li>autodiff vs DL4J (two analytic gradients in double precision): relative 1e-9, absolute floor 1e-12;</li>
 *   <li>either vs central finite differences: ε = 1e-6, relative 1e-3, absolute floor 1e-8 (DL4J's own MLP tests);</li>
 *   <li>finite differences of the autodiff forward pass ({@link FiniteDifferenceSource}) for every parameter of a
 *       network with at most 1,000 parameters, otherwise for a seeded random subset of about 1,000 spread over all
 *       parameter blocks (at least 5 per block).</li>
 * </ul>
 */
public final class GradientCheckOptions {

    private final double analyticMaxRelError;
    private final double analyticMinAbsError;
    private final double epsilon;
    private final double maxRelError;
    private final double minAbsError;
    private final int finiteDifferenceLimit;
    private final long seed;
    private final int worstEntries;
    private final FiniteDifferenceSource source;
    /** The user's own activation classes, each with the definition it is meant to compute. */
    private final Map<Class<? extends IActivation>, Pointwise> activations;

    private GradientCheckOptions(double analyticMaxRelError, double analyticMinAbsError, double epsilon,
                                 double maxRelError, double minAbsError, int finiteDifferenceLimit, long seed,
                                 int worstEntries, FiniteDifferenceSource source,
                                 Map<Class<? extends IActivation>, Pointwise> activations) {
        this.analyticMaxRelError = positive(analyticMaxRelError, "analytic max relative error");
        this.analyticMinAbsError = positive(analyticMinAbsError, "analytic absolute floor");
        if (!(epsilon > 0 && epsilon <= 0.1)) {
            throw new DlkitException("finite-difference epsilon must be in (0, 0.1]; got " + epsilon);
        }
        this.epsilon = epsilon;
        this.maxRelError = positive(maxRelError, "max relative error");
        this.minAbsError = positive(minAbsError, "absolute floor");
        if (finiteDifferenceLimit < 1) {
            throw new DlkitException("finite-difference limit must be at least 1; got " + finiteDifferenceLimit);
        }
        this.finiteDifferenceLimit = finiteDifferenceLimit;
        this.seed = seed;
        if (worstEntries < 0) {
            throw new DlkitException("worst entries shown must be >= 0; got " + worstEntries);
        }
        this.worstEntries = worstEntries;
        this.source = source;
        this.activations = Map.copyOf(activations);
    }

    public static GradientCheckOptions defaults() {
        return new GradientCheckOptions(1e-9, 1e-12, 1e-6, 1e-3, 1e-8, 1000, 12345, 3,
                FiniteDifferenceSource.AUTODIFF_FORWARD, Map.of());
    }

    /** Tolerances of autodiff vs DL4J. */
    public GradientCheckOptions withAnalyticTolerance(double maxRelError, double minAbsError) {
        return new GradientCheckOptions(maxRelError, minAbsError, epsilon, this.maxRelError, this.minAbsError,
                finiteDifferenceLimit, seed, worstEntries, source, activations);
    }

    /** Step and tolerances of the comparisons against central finite differences. */
    public GradientCheckOptions withFiniteDifference(double epsilon, double maxRelError, double minAbsError) {
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                finiteDifferenceLimit, seed, worstEntries, source, activations);
    }

    /** How many parameters at most get a finite difference (two forward passes each). */
    public GradientCheckOptions withFiniteDifferenceLimit(int limit) {
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                limit, seed, worstEntries, source, activations);
    }

    /** Seed of the random finite-difference subset. */
    public GradientCheckOptions withSeed(long newSeed) {
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                finiteDifferenceLimit, newSeed, worstEntries, source, activations);
    }

    /** How many worst entries the report lists per parameter block. */
    public GradientCheckOptions withWorstEntries(int count) {
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                finiteDifferenceLimit, seed, count, source, activations);
    }

    /** Which forward pass the finite differences are taken of. */
    public GradientCheckOptions withFiniteDifferenceSource(FiniteDifferenceSource newSource) {
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                finiteDifferenceLimit, seed, worstEntries, newSource, activations);
    }

    /**
     * Checks networks that use {@code type}, an activation class of your own (DL4J's own classes are matched
     * exactly and a subclass is otherwise refused), against {@code definition}: the function and derivative it is
     * meant to compute, e.g. {@code Pointwise.elu(1.0)} or {@code Pointwise.of("mine", f, (x, y) -> df)}. The autodiff
     * side and the finite differences then use the definition, and DL4J's side runs your class's forward and
     * backprop, so a wrong {@code backprop} shows up as DL4J disagreeing with the other two.
     */
    public GradientCheckOptions withActivation(Class<? extends IActivation> type, Pointwise definition) {
        Map<Class<? extends IActivation>, Pointwise> more = new HashMap<>(activations);
        more.put(type, definition);
        return new GradientCheckOptions(analyticMaxRelError, analyticMinAbsError, epsilon, maxRelError, minAbsError,
                finiteDifferenceLimit, seed, worstEntries, source, more);
    }

    /** The activation classes given with {@link #withActivation}. */
    public Map<Class<? extends IActivation>, Pointwise> activations() {
        return activations;
    }

    public FiniteDifferenceSource finiteDifferenceSource() {
        return source;
    }

    public double analyticMaxRelError() {
        return analyticMaxRelError;
    }

    public double analyticMinAbsError() {
        return analyticMinAbsError;
    }

    public double epsilon() {
        return epsilon;
    }

    public double maxRelError() {
        return maxRelError;
    }

    public double minAbsError() {
        return minAbsError;
    }

    public int finiteDifferenceLimit() {
        return finiteDifferenceLimit;
    }

    public long seed() {
        return seed;
    }

    public int worstEntries() {
        return worstEntries;
    }

    private static double positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new DlkitException(what + " must be a positive number; got " + v);
        }
        return v;
    }
}
