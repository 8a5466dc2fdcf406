package org.dlkit;

import org.dlkit.data.GradientDescent;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Classifier#explain(int, int, int)} on odd configurations: the right warnings, each naming its course card. */
class ExplainWarningsTest {

    private static List<String> warnings(Classifier.Builder builder, int rows) {
        return builder.build().explain(4, 3, rows).warnings();
    }

    /** Exactly one warning, containing every one of {@code words}. */
    private static void warnsOnce(List<String> warnings, String... words) {
        assertEquals(1, warnings.size(), warnings.toString());
        for (String w : words) {
            assertTrue(warnings.get(0).contains(w), "'" + w + "' in: " + warnings.get(0));
        }
    }

    @Test
    void theDefaultsWarnOfNothing() {
        assertEquals(List.of(), warnings(Classifier.builder(), 100));
        assertEquals(List.of(), warnings(Classifier.builder().hidden(8, 8, 8, 8, 8, 8, 8, 8, 8, 8), 100));
        assertEquals(List.of(), warnings(Classifier.builder().activation("tanh").weightInit("xavier"), 100));
        assertEquals(List.of(), warnings(Classifier.builder().activation("relu").weightInit("he"), 100));
        assertEquals(List.of(), warnings(Classifier.builder().weightInit("he_uniform"), 100), "He, drawn uniformly");
        assertEquals(List.of(), warnings(Classifier.builder().activation("tanh").weightInit("glorot_uniform"), 100));
    }

    @Test
    void theUpdaterLineGivesThatUpdatersReason() {
        String adam = Classifier.builder().build().explain(4, 3, 100).toString();
        String sgd = Classifier.builder().updater("sgd").build().explain(4, 3, 100).toString();
        String rmsprop = Classifier.builder().updater("rmsprop").build().explain(4, 3, 100).toString();
        assertTrue(adam.contains("Adam adapts each parameter's step size"), adam);
        assertTrue(sgd.contains("plain gradient descent: each step is the learning rate times the gradient"), sgd);
        assertTrue(rmsprop.contains("RMSProp divides each parameter's step"), rmsprop);
        assertTrue(!sgd.contains("Adam adapts") && !rmsprop.contains("Adam adapts"), sgd + rmsprop);
    }

    @Test
    void discouragedActivationsNameTheRule() {
        warnsOnce(warnings(Classifier.builder().activation("sigmoid").hidden(8, 8, 8, 8, 8, 8, 8, 8, 8, 8), 100),
                "sigmoid in 10 hidden layers", "vanishing gradients", "not zero-centred", "cards 10 and 23");
        warnsOnce(warnings(Classifier.builder().activation("identity").hidden(8, 8), 100),
                "identity in 2 hidden layers", "one linear function", "cards 23 and 24");
        warnsOnce(warnings(Classifier.builder().activation("gelu").hidden(8, 8), 100),
                "GELU in 2 hidden layers", "x·σ(1.702x)", "Keras");
        warnsOnce(warnings(Classifier.builder().activation("softmax").hidden(8, 8, 8, 8), 100),
                "softmax in 4 hidden layers", "output layer", "card 23");
    }

    @Test
    void weightInitsAgainstCard31Warn() {
        warnsOnce(warnings(Classifier.builder().weightInit(WeightInitStrategy.ZERO), 100),
                "weight init zero", "symmetry", "card 31");
        warnsOnce(warnings(Classifier.builder().weightInit("ones"), 100), "weight init ones", "symmetry", "card 31");
        warnsOnce(warnings(Classifier.builder().weightInit("small_random").hidden(8, 8, 8, 8, 8), 100),
                "weight init small_random", "card 31");
        warnsOnce(warnings(Classifier.builder().weightInit("xavier"), 100),
                "weight init xavier with ReLU", "the rules choose he", "card 31");
        warnsOnce(warnings(Classifier.builder().activation("sigmoid").weightInit("he"), 100),
                "weight init he with sigmoid", "the rules choose xavier", "card 31");
        assertEquals(List.of(), warnings(Classifier.builder().hidden().weightInit(WeightInitStrategy.ZERO), 100),
                "without hidden layers the hidden init is not used: nothing to warn of");
    }

    @Test
    void gradientDescentModesAgainstTheirRowsWarn() {
        warnsOnce(warnings(Classifier.builder().gradientDescent(GradientDescent.STOCHASTIC), 5_000_000),
                "stochastic gradient descent over 5,000,000 training rows", "5,000,000 one-example updates",
                "cards 26–30");
        warnsOnce(warnings(Classifier.builder().gradientDescent(GradientDescent.BATCH), 5_000_000),
                "batch gradient descent over 5,000,000 training rows", "memory", "cards 26–30");
        warnsOnce(warnings(Classifier.builder().batchSize(1000), 6),
                "a mini-batch of 1000 over only 6 training rows", "batch gradient descent", "cards 26–30");
        warnsOnce(warnings(Classifier.builder().batchSize(100), 100),
                "a mini-batch of 100 over only 100 training rows", "batch gradient descent", "cards 26–30");
        assertEquals(List.of(), warnings(Classifier.builder().batchSize(99), 100), "two updates per epoch");
        assertEquals(List.of(), warnings(Classifier.builder().gradientDescent(GradientDescent.STOCHASTIC), 500));
        assertEquals(List.of(), warnings(Classifier.builder().gradientDescent(GradientDescent.BATCH), 500));
        assertTrue(Classifier.builder().build().explain(4, 3, 3).lines()
                .contains("batch size: 3 — 1 update per epoch over 3 training rows"));
    }

    @Test
    void noTrainingRowsIsAClearErrorNotADivisionByZero() {
        DlkitException e = assertThrows(DlkitException.class, () -> Classifier.builder().build().explain(4, 3, 0));
        assertTrue(e.getMessage().contains("training rows 0") && e.getMessage().contains("expected"), e.getMessage());
    }
}
