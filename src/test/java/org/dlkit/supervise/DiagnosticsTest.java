package org.dlkit.supervise;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.data.StandardisedIris;
import org.dlkit.train.Trainer;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's failure modes (cards 10 and 15) are named when they happen, and a healthy run is left alone. */
class DiagnosticsTest {

    private static final LabelledData IRIS = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
    /** Iris encoded and standardised, for the networks built here and trained by the {@link Trainer} directly. */
    private static final DataSet STANDARDISED = StandardisedIris.dataSet();


    /** Trains {@code net} on {@link #STANDARDISED} for {@code epochs} epochs of mini-batches, with diagnostics. */
    private static void train(MultiLayerNetwork net, int epochs, Diagnostics diagnostics) {
        new Trainer(TrainingObserver.SILENT).fit(net, GradientDescent.MINI_BATCH.iterator(STANDARDISED, 42),
                STANDARDISED, null, new TrainingPlan(epochs, 0, null, false, List.of(diagnostics)));
    }

    @Test
    void deepSigmoidNetworkReportsVanishingGradients() {
        TrainedClassifier model = Classifier.builder().hidden(16, 16, 16, 16, 16, 16).activation("sigmoid")
                .epochs(10).patience(0).diagnostics(1).build().fit(IRIS);
        List<String> warnings = model.training().warnings();
        String vanishing = warnings.stream().filter(w -> w.startsWith("gradients vanish")).findFirst().orElse(null);
        assertTrue(vanishing != null, "vanishing-gradient warning expected, got " + warnings);
        assertTrue(vanishing.contains("sigmoid") && vanishing.contains("use ReLU"), vanishing);
        List<LayerStats> first = model.training().layerStats().stream().filter(s -> s.iteration() == 0).toList();
        assertEquals(7, first.size(), "one row per layer at each check");
        assertTrue(first.get(0).gradientNorm() < 1e-2 * first.get(6).gradientNorm(),
                "layer 0's gradient is orders of magnitude below the output layer's: " + first);
    }

    @Test
    void vanishingReluGradientsAdviseHeInitOnlyWhereItIsNotInUse() {
        int[] deep = new int[12];
        java.util.Arrays.fill(deep, 8);
        String small = vanishingWarning(Classifier.builder().hidden(deep).activation("relu").weightInit("small_random"));
        assertTrue(small.contains("use He init for ReLU layers"), small);
        int[] deeper = new int[32];   // He keeps 12 layers healthy; 32 narrow ones vanish for this seed
        java.util.Arrays.fill(deeper, 8);
        String he = vanishingWarning(Classifier.builder().hidden(deeper).activation("relu").weightInit("he").seed(3));
        assertTrue(he.contains("He init is in use already") && !he.contains("use He init for"), he);
    }

    private static String vanishingWarning(Classifier.Builder builder) {
        List<String> warnings = builder.epochs(5).patience(0).diagnostics(1).build().fit(IRIS).training().warnings();
        return warnings.stream().filter(w -> w.startsWith("gradients vanish")).findFirst()
                .orElseThrow(() -> new AssertionError("vanishing-gradient warning expected, got " + warnings));
    }

    @Test
    void reluLayerWithLargeNegativeBiasIsReportedDead() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).activation(Activation.RELU).weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .biasInit(-5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<String> warnings = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(warnings::add);
        train(net, 30, diagnostics);
        assertEquals(1, warnings.stream().filter(w -> w.contains("ReLU units are dead")).count(), "once: " + warnings);
        String dead = warnings.get(0);
        assertTrue(dead.startsWith("layer 0: ") && dead.contains("Leaky ReLU (activation(\"leaky-relu\"))"), dead);
        int percent = Integer.parseInt(dead.replaceAll("^layer 0: (\\d+)%.*", "$1"));
        assertTrue(percent >= 40, dead);
        LayerStats last = diagnostics.history().stream().filter(s -> s.layer() == 0).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.deadFraction() >= 0.4, "dead share measured: " + last);
    }

    /** Trains {@code depth} hidden layers of 16 units for 20 epochs; weights N(0, std²), or Xavier when null. */
    private static List<String> warnings(Activation hidden, int depth, Double std) {
        return warnings(hidden, depth, std, 0, new Diagnostics(w -> { }));
    }

    /**
     * {@link #warnings(Activation, int, Double)} with every hidden bias starting at {@code bias}, measured by
     * {@code diagnostics} (whose own list of warnings is returned).
     */
    private static List<String> warnings(Activation hidden, int depth, Double std, double bias,
                                         Diagnostics diagnostics) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list();
        for (int i = 0; i < depth; i++) {
            DenseLayer.Builder b = new DenseLayer.Builder().nIn(i == 0 ? 4 : 16).nOut(16).activation(hidden)
                    .biasInit(bias);
            list.layer(std == null ? b.weightInit(WeightInit.XAVIER).build()
                    : b.weightInit(new NormalDistribution(0, std)).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        train(net, 20, diagnostics);
        return diagnostics.warnings();
    }

    private static boolean has(List<String> warnings, String text) {
        return warnings.stream().anyMatch(w -> w.contains(text));
    }

    /**
     * Both sides of the saturation diagnostic: tanh layers with weights drawn from N(0, 10²) saturate and are named;
     * the same layers with Xavier init are not. The rate is not blamed: the updates were never too large.
     */
    @Test
    void saturatedTanhUnitsAreNamedAndXavierTanhIsNot() {
        List<String> large = warnings(Activation.TANH, 2, 10.0);
        assertTrue(has(large, "units are saturated"), large.toString());
        assertFalse(has(large, "lower the learning rate first"), "large weights, not the rate: " + large);
        List<String> xavier = warnings(Activation.TANH, 2, null);
        assertFalse(has(xavier, "saturated"), xavier.toString());
    }

    /** Layer 0's last row of {@code diagnostics}. */
    private static LayerStats lastOfLayer0(Diagnostics diagnostics) {
        return diagnostics.history().stream().filter(s -> s.layer() == 0).reduce((a, b) -> b).orElseThrow();
    }

    /**
     * ReLU6 units die both ways: below 0 (a bias of −5) and at the cap 6 (a bias of +20), where the derivative is 0
     * as well; the message names ReLU6 and the outputs it is stuck at.
     */
    @ParameterizedTest(name = "bias {0}")
    @ValueSource(doubles = {-5, 20})
    void relu6UnitsStuckAtZeroOrAtTheCapAreDead(double bias) {
        Diagnostics diagnostics = new Diagnostics(w -> { });
        List<String> warnings = warnings(Activation.RELU6, 1, null, bias, diagnostics);
        assertEquals(1, warnings.stream().filter(w -> w.contains("ReLU6 units are dead")).count(), warnings.toString());
        assertTrue(has(warnings, "(no output other than 0 or 6, where the gradient is 0, for the last 256 examples)"),
                warnings.toString());
        assertTrue(lastOfLayer0(diagnostics).deadFraction() >= 0.4, lastOfLayer0(diagnostics).toString());
    }

    /** Activations whose derivative is never 0 on an interval are not counted as dead, even pushed far below 0. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"LEAKYRELU", "ELU", "SELU", "GELU", "MISH", "SWISH", "SOFTPLUS"})
    void unitsThatCannotDieAreNotReportedDead(Activation hidden) {
        Diagnostics diagnostics = new Diagnostics(w -> { });
        List<String> warnings = warnings(hidden, 1, null, -5, diagnostics);
        assertFalse(has(warnings, "dead") || has(warnings, "saturated"), warnings.toString());
        assertTrue(Double.isNaN(lastOfLayer0(diagnostics).deadFraction()), lastOfLayer0(diagnostics).toString());
    }

    /**
     * Hard tanh and the hard sigmoid saturate in their flat parts (f' exactly 0 beyond ±1 and ±2.5): weights from
     * N(0, 10²) put most units there and are named; Xavier-initialised layers are not.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"HARDTANH", "HARDSIGMOID"})
    void hardFunctionsSaturateInTheirFlatPartsAndXavierDoesNot(Activation hidden) {
        String name = hidden == Activation.HARDTANH ? "hard tanh" : "hard sigmoid";
        Diagnostics large = new Diagnostics(w -> { });
        List<String> saturated = warnings(hidden, 2, 10.0, 0, large);
        assertTrue(has(saturated, "% of " + name + " units are saturated"), saturated.toString());
        assertTrue(lastOfLayer0(large).saturatedFraction() >= 0.5, lastOfLayer0(large).toString());
        List<String> xavier = warnings(hidden, 2, null);
        assertFalse(has(xavier, "saturated") || has(xavier, "dead"), xavier.toString());
    }

    /**
     * Where saturated or dead units stop the gradient, the vanishing-gradient warning points to them rather than
     * to He init or fewer layers: hard tanh at SGD 30 (one hidden layer, Xavier init already) saturates all units.
     */
    @Test
    void vanishingBehindSaturatedUnitsPointsToThem() {
        List<String> warnings = Classifier.builder().activation("hard_tanh").updater("sgd").learningRate(30)
                .epochs(30).patience(0).build().fit(IRIS).training().warnings();
        assertTrue(has(warnings, "hard tanh units are saturated"), warnings.toString());
        String vanishing = warnings.stream().filter(w -> w.startsWith("gradients vanish")).findFirst()
                .orElseThrow(() -> new AssertionError("vanishing-gradient warning expected, got " + warnings));
        assertTrue(vanishing.contains("the saturated units reported above") && !vanishing.contains("He init"),
                vanishing);
    }

    /** ReLU6 trained as MobileNet uses it, Xavier weights and a zero bias: no warning at all. */
    @Test
    void healthyRelu6LayersRaiseNoWarning() {
        Diagnostics diagnostics = new Diagnostics(w -> { });
        assertEquals(List.of(), warnings(Activation.RELU6, 3, null, 0, diagnostics));
        assertTrue(lastOfLayer0(diagnostics).deadFraction() < 0.4, lastOfLayer0(diagnostics).toString());
    }

    @Test
    void healthyIrisRunRaisesNoWarning() {
        TrainedClassifier model = Classifier.builder().build().fit(IRIS);
        assertEquals(List.of(), model.training().warnings());
        List<LayerStats> stats = model.training().layerStats();
        assertFalse(stats.isEmpty());
        LayerStats hidden = stats.stream().filter(s -> s.layer() == 0).reduce((a, b) -> b).orElseThrow();
        assertEquals("relu", hidden.activation());
        assertTrue(hidden.deadFraction() < 0.4 && hidden.activationStd() > 0, hidden.toString());
        assertTrue(hidden.updateRatio() > 1e-5 && hidden.updateRatio() < 1e-2, "near DL4J's 1e-3 target: " + hidden);
    }
}
