package org.dlkit.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LearningRatesTest {

    @Test
    void suggestedLearningRatesReadAsAUserTypesThem() {
        assertEquals("3.0E-4", LearningRates.rounded(3e-3 / 10));
        assertEquals("0.03", LearningRates.rounded(3e-3 * 10));
        assertEquals("1.23E-7", LearningRates.rounded(1.23456e-7));
        assertEquals("1.0", LearningRates.rounded(10.0 / 10));
    }
}
