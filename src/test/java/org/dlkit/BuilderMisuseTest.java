package org.dlkit;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.ActivationRule;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.engine.EngineChoice;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.network.Updaters;
import org.dlkit.supervise.DiagnosticThresholds;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Keras/PyTorch user's mistakes with {@link Classifier.Builder}: each fails at the call (or at build()) with a
 * {@link DlkitException} that names the setting and what was expected, never an NPE or a DL4J error inside fit().
 */
class BuilderMisuseTest {

    private static Classifier.Builder b() {
        return Classifier.builder();
    }

    /** The call throws a DlkitException whose message contains every one of {@code words}. */
    private static void refused(Executable call, String... words) {
        DlkitException e = assertThrows(DlkitException.class, call);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
        }
    }

    @Test
    void badNumbersNameTheSettingAndTheExpectedValue() {
        refused(() -> b().hidden(0), "hidden layer size 0", "expected positive");
        refused(() -> b().hidden(16, -3), "hidden layer size -3", "expected positive");
        refused(() -> b().hidden((int[]) null), "hidden", "expected layer sizes", "null");
        refused(() -> b().epochs(0), "epochs 0", "expected a positive");
        refused(() -> b().epochs(-5), "epochs -5", "expected a positive");
        refused(() -> b().l2(-0.1), "l2 -0.1", "expected");
        refused(() -> b().l2(Double.NaN), "l2 NaN", "expected");
        refused(() -> b().batchSize(0), "batch size 0", "expected a positive");
        refused(() -> b().gradientDescent(GradientDescent.miniBatch(-1)), "batch size -1");
        refused(() -> b().learningRate(Double.NaN), "learning rate NaN", "expected a finite number > 0");
        refused(() -> b().learningRate(-0.01), "learning rate -0.01", "expected a finite number > 0");
        refused(() -> b().learningRate(0), "learning rate 0.0", "expected");
        refused(() -> b().learningRate(Double.POSITIVE_INFINITY), "learning rate Infinity", "expected");
        refused(() -> b().inputs(0), "inputs 0", "expected a positive");
        refused(() -> b().classes(1), "classes 1", "expected 2 or more");
        refused(() -> b().classes(-2), "classes -2", "expected 2 or more");
        refused(() -> b().testFraction(1), "test fraction 1.0", "expected");
        refused(() -> b().validationFraction(-0.5), "validation fraction -0.5", "expected");
        refused(() -> b().patience(-1), "patience -1", "expected");
        refused(() -> b().keepCheckpoints(0), "checkpoints to keep 0", "expected");
        refused(() -> b().checkpoints(Path.of("ck"), 0), "checkpoint interval 0", "expected");
        // the same checks when the sizes come as arguments instead of settings (one class is a DL4J error otherwise)
        refused(() -> b().build().configuration(4, 1), "classes 1", "expected 2 or more");
        refused(() -> b().build().explain(4, 1, 100), "classes 1", "expected 2 or more");
        refused(() -> b().build().configuration(0, 3), "inputs 0", "expected a positive");
        refused(() -> b().build().spec(4, 0), "classes 0", "expected 2 or more");
    }

    @Test
    void anUpdaterWithABadLearningRateIsRefusedAtTheCallNotInFit() {
        refused(() -> b().updater(new Adam(Double.NaN)), "learning rate of Adam NaN", "expected a finite number > 0");
        refused(() -> b().updater(new Sgd(-1)), "learning rate of Sgd -1.0", "expected");
        refused(() -> b().updater(new RmsProp(0)), "learning rate of RmsProp 0.0", "expected");
        refused(() -> b().learningRate(0.1).updater(new NoOp()).build(), "learning rate 0.1", "NoOp", "has none");
    }

    @Test
    void settingsThatWouldBeIgnoredAreRefusedInEitherOrder() {
        refused(() -> b().gradientDescent(GradientDescent.BATCH).batchSize(7),
                "batchSize(...) applies to gradientDescent(MINI_BATCH); batch gradient descent uses all training rows");
        refused(() -> b().batchSize(7).gradientDescent(GradientDescent.STOCHASTIC),
                "batchSize(...) applies", "stochastic gradient descent uses one row");
        refused(() -> b().validationFraction(0).patience(5), "patience(...) needs a validation part to watch",
                "validationFraction(0)");
        refused(() -> b().patience(5).validationFraction(0), "patience(...) needs a validation part to watch");
        // what the settings leave to the defaults, or set consistently, builds
        assertEquals(0, b().validationFraction(0).build().settings().validationFraction(), 0);
        assertEquals(0, b().patience(0).validationFraction(0).build().settings().patience());
        assertEquals(GradientDescent.STOCHASTIC, b().gradientDescent(GradientDescent.STOCHASTIC).build().settings()
                .gradientDescent());
        assertEquals(GradientDescent.miniBatch(1), b().batchSize(8).gradientDescent(GradientDescent.miniBatch(1))
                .build().settings().gradientDescent());
    }

    @Test
    void nullArgumentsNameTheSetting() {
        refused(() -> b().updater((IUpdater) null), "updater", "expected", "null");
        refused(() -> b().updater((String) null), "updater", "expected", "null");
        refused(() -> b().activation((String) null), "activation", "expected", "null");
        refused(() -> b().activation((ActivationFunction) null), "activation", "expected", "null");
        refused(() -> b().activationRule(null), "activationRule", "expected", "null");
        refused(() -> ActivationRule.explicit(null), "activation", "expected", "null");
        refused(() -> b().weightInit((String) null), "weightInit", "expected", "null");
        refused(() -> b().gradientDescent(null), "gradientDescent", "expected", "null");
        refused(() -> b().diagnosticThresholds(null), "diagnosticThresholds", "expected", "null");
        refused(() -> b().checkpoints(null, 5), "checkpoints", "expected a directory", "null");
        refused(() -> b().listeners((TrainingListener[]) null), "listeners", "expected", "null");
        refused(() -> b().listeners((TrainingListener) null), "listeners", "expected", "null");
        refused(() -> b().engine((EngineChoice) null), "engine", "expected", "null");
        refused(() -> b().engine((EngineChoice.Engine) null), "engine", "expected", "null");
        // null weight init is the documented default: chosen from the activation
        assertInstanceOf(WeightInitRelu.class, layer(b().weightInit((WeightInitStrategy) null).build()).getWeightInitFn());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        refused(() -> b().activation("swiglu"), "unknown activation rule 'swiglu'", "relu", "tanh", "leaky-relu");
        refused(() -> b().weightInit("xavier_legacy"), "unknown weight init 'xavier_legacy'", "xavier", "he", "lecun",
                "glorot_uniform");
        // names dlkit knows but refuses say why instead
        refused(() -> b().activation("rrelu"), "activation 'rrelu' is refused: ", "leaky_relu");
        refused(() -> b().weightInit("orthogonal"), "weight init 'orthogonal' is refused: ", "no orthogonal init");
        refused(() -> b().updater("adamw"), "unknown updater 'adamw'", "adam", "sgd", "rmsprop");
    }

    @Test
    void namesAreLookedUpAsUsersTypeThem() {
        assertInstanceOf(ActivationReLU.class, layer(b().activation("ReLU").build()).getActivationFn());
        for (String leaky : new String[] {"leaky_relu", "LeakyReLU", "leaky-relu"}) {
            assertInstanceOf(ActivationLReLU.class, layer(b().activation(leaky).build()).getActivationFn(), leaky);
        }
        for (String he : new String[] {"he", "HE_NORMAL", "Kaiming", "relu"}) {
            assertInstanceOf(WeightInitRelu.class, layer(b().activation("tanh").weightInit(he).build())
                    .getWeightInitFn(), he);
        }
        assertInstanceOf(WeightInitXavier.class, layer(b().weightInit("glorot_normal").build()).getWeightInitFn());
        assertInstanceOf(org.deeplearning4j.nn.weights.WeightInitXavierUniform.class,
                layer(b().weightInit("glorot_uniform").build()).getWeightInitFn());
        assertInstanceOf(org.deeplearning4j.nn.weights.WeightInitReluUniform.class,
                layer(b().weightInit("he_uniform").build()).getWeightInitFn());
        assertEquals(ActivationRule.leakyRelu().name(), b().activation("Leaky ReLU").build().settings()
                .activationRule().name());
    }

    @Test
    void learningRateReplacesTheUpdatersOwnInEitherOrder() {
        assertEquals(0.05, lr(b().updater("SGD").learningRate(0.05).build()), 0);
        assertEquals(0.05, lr(b().learningRate(0.05).updater(new Sgd(0.5)).build()), 0);
        assertEquals(0.05, lr(b().learningRate(0.05).updater("rmsprop").build()), 0);
        assertInstanceOf(RmsProp.class, b().updater("RMSProp").build().settings().updater());
        assertEquals(Classifier.DEFAULT_LEARNING_RATE, lr(b().updater("nesterovs").build()), 0);
        for (String name : Updaters.names()) {
            assertEquals(0.02, lr(b().updater(name).learningRate(0.02).build()), 0, name);
            assertEquals(0.02, Updaters.get(name, 0.02).getLearningRate(0, 0), 0, name);
        }
        assertEquals(8, b().batchSize(8).build().settings().gradientDescent().batchSize(100));
    }

    @Test
    void everyNamedUpdaterTrainsAndNullDataIsRefused() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        for (String name : Updaters.names()) {
            TrainedClassifier model = b().updater(name).learningRate(0.01).epochs(2).build().fit(iris);
            IUpdater used = ((BaseLayer) model.network().getLayer(0).conf().getLayer()).getIUpdater();
            assertEquals(Updaters.get(name, 0.01).getClass(), used.getClass(), name);
            assertEquals(0.01, used.getLearningRate(0, 0), 0, name);
        }
        refused(() -> b().build().fit(null), "data", "expected", "null");
        refused(() -> b().build().explain(null), "data", "expected", "null");
    }

    /**
     * DL4J listeners hear DL4J's fit loop only: with dlkit's engine asked for they would never be called, so the
     * combination is refused naming them (under the default AUTO, DL4J trains instead).
     */
    @Test
    void listenersWithDlkitsEngineAreRefusedNotIgnored() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        int[] calls = {0};
        TrainingListener counting = new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                calls[0]++;
            }
        };
        refused(() -> b().epochs(2).engine(EngineChoice.Engine.DLKIT).listeners(counting).build().fit(iris),
                "listeners", "dlkit's engine", "DL4J's fit loop", "engine(EngineChoice.Engine.DL4J)");
        assertEquals(0, calls[0]);
        b().epochs(2).listeners(counting).build().fit(iris);
        assertTrue(calls[0] > 0, "under AUTO DL4J trains and calls the listener");
    }

    private static BaseLayer layer(Classifier c) {
        return (DenseLayer) c.configuration(4, 3).getConf(0).getLayer();
    }

    private static double lr(Classifier c) {
        return ((BaseLayer) c.configuration(4, 3).getConf(0).getLayer()).getIUpdater().getLearningRate(0, 0);
    }
}
