package org.dlkit.train;

import java.math.BigDecimal;
import java.math.MathContext;

/** Learning rates as advice names them: to three significant digits, without float noise. */
public final class LearningRates {

    private LearningRates() {
    }

    /** {@code rate} to three significant digits, as Java writes a double: 3.0000000000000003E-4 → 3.0E-4, 1 → 1.0. */
    public static String rounded(double rate) {
        return Double.toString(new BigDecimal(rate).round(new MathContext(3)).doubleValue());
    }
}
