package org.dlkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dlkit.activation.Activations;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.experiment.InitExperiment.Result;
import org.dlkit.experiment.InitExperiment.Settings;
import org.dlkit.experiment.InitExperiment.Symmetry;
import org.junit.jupiter.api.Test;

/** Card 31's outcomes, numerically: 10 layers of 500 units, 200 unit-normal inputs, seed 42. */
class InitExperimentTest {

    static final Settings SETTINGS = new Settings(10, 500, 200, 42);

    static double ratio(WeightInitStrategy init, org.dlkit.activation.ActivationFunction activation) {
        Result r = InitExperiment.run(SETTINGS, init, activation);
        assertEquals(10, r.layers().size());
        System.out.println(init + " + " + activation + ": last/first std " + r.lastOverFirst() + ", " + r.verdict());
        return r.lastOverFirst();
    }

    @Test
    void smallRandomWithTanhCollapses() {
        double r = ratio(WeightInitStrategy.SMALL_RANDOM, Activations.TANH);
        assertTrue(r < 0.01, "last/first std " + r);
    }

    @Test
    void xavierWithTanhKeepsTheScale() {
        double r = ratio(WeightInitStrategy.XAVIER, Activations.TANH);
        assertTrue(r > 0.2, "last/first std " + r);
    }

    @Test
    void heWithReluKeepsTheScaleWhileXavierWithReluShrinksIt() {
        double he = ratio(WeightInitStrategy.HE, Activations.RELU);
        assertTrue(he >= 0.5 && he <= 2, "He + ReLU last/first std " + he);
        double xavier = ratio(WeightInitStrategy.XAVIER, Activations.RELU);
        assertTrue(xavier < 0.1, "Xavier + ReLU last/first std " + xavier);
    }

    @Test
    void zeroInitNeverBreaksSymmetry() {
        Symmetry zero = InitExperiment.symmetryAfterTraining(SETTINGS, WeightInitStrategy.ZERO, Activations.SIGMOID, 15);
        System.out.println("zero + sigmoid, weight change per layer " + Arrays.toString(zero.weightChange())
                + ", unit spread per layer " + Arrays.toString(zero.unitSpread()));
        // the gradient reaches one more layer per step (a zero W passes none back), so the last layers learn most
        double lastLayerChange = zero.weightChange()[SETTINGS.layers() - 1];
        assertTrue(lastLayerChange > 1, "training hardly changed the last hidden layer: " + lastLayerChange);
        assertTrue(zero.unbroken(), "unit spread per layer " + Arrays.toString(zero.unitSpread()));
        // the same check tells a random init apart
        Symmetry xavier = InitExperiment.symmetryAfterTraining(SETTINGS, WeightInitStrategy.XAVIER,
                Activations.SIGMOID, 1);
        assertFalse(xavier.unbroken());
    }

    /** Keras' ones init fails as zero init does: every unit of a layer stays identical (card 31). */
    @Test
    void onesInitNeverBreaksSymmetryEither() {
        // two units a layer, so that tanh does not saturate on sums of ones and the weights do learn
        Settings narrow = new Settings(4, 2, 60, 5);
        Symmetry ones = InitExperiment.symmetryAfterTraining(narrow, WeightInitStrategy.ONES, Activations.TANH, 5);
        assertTrue(ones.weightChange()[3] > 1e-3, "weight change per layer " + Arrays.toString(ones.weightChange()));
        assertTrue(ones.unbroken(), "unit spread per layer " + Arrays.toString(ones.unitSpread()));
    }

    /** A stack one or two units wide is measured and trained too: its labels come from the first input's tertile. */
    @Test
    void narrowStacksRunAndTrain() {
        for (int units : new int[] {1, 2}) {
            Settings narrow = new Settings(4, units, 60, 5);
            Result he = InitExperiment.run(narrow, WeightInitStrategy.HE, Activations.TANH);
            assertEquals(4, he.layers().size());
            assertTrue(he.layers().stream().allMatch(l -> l.std() > 0 && Double.isFinite(l.std())), he.toString());
            double[] counts = InitExperiment.labels(InitExperiment.inputs(narrow)).sum(0).toDoubleVector();
            for (double c : counts) {
                assertTrue(c >= 10, "every class has rows: " + java.util.Arrays.toString(counts));
            }
            Symmetry zero = InitExperiment.symmetryAfterTraining(narrow, WeightInitStrategy.ZERO, Activations.SIGMOID, 5);
            assertTrue(zero.unbroken() && zero.weightChange()[3] > 0, java.util.Arrays.toString(zero.weightChange()));
        }
    }

    @Test
    void statisticsCoverEveryStrategyAndActivation() {
        Settings small = new Settings(3, 20, 10, 1);
        List<Result> all = InitExperiment.runAll(small, List.of(WeightInitStrategy.values()),
                List.of(Activations.TANH, Activations.RELU));
        assertEquals(WeightInitStrategy.values().length * 2, all.size());
        Result zeroTanh = all.get(0);
        assertEquals(WeightInitStrategy.ZERO, zeroTanh.init());
        assertEquals(0.0, zeroTanh.layers().get(2).std());
        assertTrue(Double.isNaN(zeroTanh.lastOverFirst()));
    }
}
