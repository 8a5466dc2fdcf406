package org.dlkit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dlkit.activation.Activations;
import org.dlkit.data.LabelledData;
import org.dlkit.text.SettingNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierTest {

    @TempDir
    Path dir;

    @Test
    void configurationMakesEveryCourseDefaultExplicit() {
        MultiLayerConfiguration conf = Classifier.builder().hidden(16, 8).build().configuration(4, 3);
        assertEquals(3, conf.getConfs().size());
        DenseLayer first = (DenseLayer) conf.getConf(0).getLayer();
        assertInstanceOf(ActivationReLU.class, first.getActivationFn(), "ReLU, not DL4J's default sigmoid");
        assertEquals(4, first.getNIn());
        assertEquals(16, first.getNOut());
        OutputLayer out = (OutputLayer) conf.getConf(2).getLayer();
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertEquals(3, out.getNOut());
        assertInstanceOf(Adam.class, first.getIUpdater(), "Adam, not DL4J's default SGD");
        assertEquals(Classifier.DEFAULT_LEARNING_RATE, ((Adam) first.getIUpdater()).getLearningRate());
        assertEquals(Classifier.DEFAULT_SEED, conf.getConf(0).getSeed(), "fixed seed, not the clock");
    }

    @Test
    void explicitActivationIsUsed() {
        MultiLayerConfiguration conf = Classifier.builder().activation(Activations.TANH).build().configuration(4, 3);
        assertInstanceOf(ActivationTanH.class, ((DenseLayer) conf.getConf(0).getLayer()).getActivationFn());
    }

    @Test
    void theRuleOfThumbsAdviceNamesSettingsAsTheUserSetsThem() {
        assertTrue(Classifier.builder().build().explain(4, 3, 96).lines()
                .contains("  hidden: ReLU — start with ReLU: cheap, converges fast, no saturation for x > 0; if units "
                        + "die or results stay poor, go for Leaky ReLU or ELU (activation(\"leaky-relu\") or "
                        + "activation(\"elu\"))"));
        assertTrue(Classifier.builder().settingNames(SettingNames.COMMAND_LINE).build().explain(4, 3, 96).lines()
                .stream().anyMatch(l -> l.endsWith("(--activation leaky-relu or --activation elu)")));
    }

    @Test
    void irisReachesCourseAccuracyReproduciblyAndRoundTrips() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        TrainedClassifier first = Classifier.builder().build().fit(iris);
        TrainedClassifier second = Classifier.builder().build().fit(iris);
        assertTrue(first.evaluation().accuracy() >= 0.93, "accuracy " + first.evaluation().accuracy());
        assertEquals(first.evaluation().accuracy(), second.evaluation().accuracy());
        assertArrayEquals(first.network().params().toDoubleVector(), second.network().params().toDoubleVector(), 0.0,
                "same seed, exactly the same weights");

        first.save(dir.resolve("iris"), false);
        TrainedClassifier loaded = TrainedClassifier.load(dir.resolve("iris"));
        List<Map<String, Object>> raw = List.of(
                Map.of("sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2),
                Map.of("petal_width", "1.8", "sepal_length", "6.3", "sepal_width", "3.3", "petal_length", "6.0"));
        for (int i = 0; i < raw.size(); i++) {
            double[] before = first.predictProbabilities(raw.get(i));
            double[] after = loaded.predictProbabilities(raw.get(i));
            for (int c = 0; c < 3; c++) {
                assertEquals(before[c], after[c], 1e-6);
            }
        }
        assertEquals(iris.classNames(), loaded.info().classNames());
    }
}
