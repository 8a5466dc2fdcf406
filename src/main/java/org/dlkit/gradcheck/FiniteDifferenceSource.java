package org.dlkit.gradcheck;

/**
 * Which forward pass the central finite differences (f(θ + ε) − f(θ − ε)) / 2ε are taken of. Both compute the same
 * objective, DL4J's score (mean loss + penalties): the report fails when the autodiff objective and DL4J's score
 * differ at θ.
 */
public enum FiniteDifferenceSource {
    /**
     * The autodiff engine's forward pass (pure Java, ~100× faster than a DL4J call on small networks, so every
     * parameter of a small net is covered within milliseconds). Uses only the engine's forward code, so it checks
     * the engine's backward code and DL4J's backprop independently.
     */
    AUTODIFF_FORWARD,
    /** DL4J's {@code score(DataSet)} on the double-precision copy, as {@code GradientCheckUtil} does. */
    DL4J_SCORE;

    /**
     * The source named "autodiff" or "dl4j" (any case).
     *
     * @throws org.dlkit.error.DlkitException for any other name
     */
    public static FiniteDifferenceSource of(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "autodiff" -> AUTODIFF_FORWARD;
            case "dl4j" -> DL4J_SCORE;
            default -> throw new org.dlkit.error.DlkitException("finite-difference source must be autodiff or dl4j;"
                    + " got " + name);
        };
    }
}
