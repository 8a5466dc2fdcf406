package org.dlkit.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {

    @Test
    void irisShowsEveryChoiceWithItsReason() {
        CliRun run = CliRun.of("explain");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        for (String expected : new String[] {"hidden: ReLU — start with ReLU", "init: he", "output: softmax + MCXENT —",
                "loss: MCXENT —", "updater: Adam", "gradient descent: mini-batch (32) —", "batch size: 32 — 3 updates per epoch over 96 training rows",
                "petal_width   numeric",
                "seed: 42 —", "\"activationFn\""}) {
            assertTrue(out.contains(expected), "expected '" + expected + "' in:\n" + out);
        }
        assertFalse(out.contains("warning:"));
    }

    @Test
    void splitOptionsChangeTheRowsPerEpochAsTrainWouldSplit() {
        CliRun run = CliRun.of("explain", "--validation-fraction", "0", "--test-fraction", "0.5", "--no-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 updates per epoch over 75 training rows"), run.out());
        assertTrue(run.out().contains("no early stopping"), run.out());
    }

    @Test
    void deepSigmoidStackWarns() {
        CliRun run = CliRun.of("explain", "--activation", "sigmoid", "--hidden", "64,64,64,64", "--no-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("warning: sigmoid in 4 hidden layers"), run.out());
        assertTrue(run.out().contains("init: xavier"), "sigmoid gets Xavier init:\n" + run.out());
    }

    @Test
    void explicitInitOverrideIsReportedAndZeroInitWarns() {
        CliRun run = CliRun.of("explain", "--weight-init", "zero", "--no-config");
        assertTrue(run.out().contains("init: zero"), run.out());
        assertTrue(run.out().contains("warning: weight init zero"), run.out());
    }
}
