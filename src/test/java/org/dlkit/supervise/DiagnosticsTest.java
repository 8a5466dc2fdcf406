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
        assertTrue(dead.startsWith("layer 0: ") && dead.contains("Leaky ReLU (--activation leaky-relu)"), dead);
        int percent = Integer.parseInt(dead.replaceAll("^layer 0: (\\d+)%.*", "$1"));
        assertTrue(percent >= 40, dead);
        LayerStats last = diagnostics.history().stream().filter(s -> s.layer() == 0).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.deadFraction() >= 0.4, "dead share measured: " + last);
    }

    /** Trains {@code depth} hidden layers of 16 units for 20 epochs; weights N(0, std²), or Xavier when null. */
    private static List<String> warnings(Activation hidden, int depth, Double std) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list();
        for (int i = 0; i < depth; i++) {
            DenseLayer.Builder b = new DenseLayer.Builder().nIn(i == 0 ? 4 : 16).nOut(16).activation(hidden);
            list.layer(std == null ? b.weightInit(WeightInit.XAVIER).build()
                    : b.weightInit(new NormalDistribution(0, std)).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        List<String> warnings = new ArrayList<>();
        train(net, 20, new Diagnostics(warnings::add));
        return warnings;
    }

    private static boolean has(List<String> warnings, String text) {
        return warnings.stream().anyMatch(w -> w.contains(text));
    }

    /**
     * Both sides of the saturation diagnostic: tanh layers with weights drawn from N(0, 10²) saturate and are named;
     * the same layers with Xavier init are not.
     */
    @Test
    void saturatedTanhUnitsAreNamedAndXavierTanhIsNot() {
        List<String> large = warnings(Activation.TANH, 2, 10.0);
        assertTrue(has(large, "units are saturated"), large.toString());
        List<String> xavier = warnings(Activation.TANH, 2, null);
        assertFalse(has(xavier, "saturated"), xavier.toString());
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
