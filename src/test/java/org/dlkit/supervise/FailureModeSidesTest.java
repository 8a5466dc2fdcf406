package org.dlkit.supervise;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.LabelledData;
import org.dlkit.train.Trainer;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingPlan;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both sides of the saturation diagnostic, which DiagnosticsTest does not cover: tanh layers with weights drawn
 * from N(0, 10²) saturate and are named; the same layers with Xavier init are not; standardised iris, fixed seeds.
 */
class FailureModeSidesTest {

    private static final DataSet IRIS = standardised();

    private static DataSet standardised() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        DataSet data = FeatureTransform.fit(iris, w -> { }).dataSet(iris, DataType.FLOAT, w -> { }).data();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        normalizer.transform(data);
        return data;
    }

    /** Trains {@code depth} hidden layers of 16 units for 20 epochs; weights N(0, std²), or Xavier when null. */
    private static List<String> warnings(Activation hidden, int depth, Double std) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list();
        for (int i = 0; i < depth; i++) {
            DenseLayer.Builder b = new DenseLayer.Builder().nIn(i == 0 ? 4 : 16).nOut(16).activation(hidden);
            list.layer(std == null ? b.weightInit(WeightInit.XAVIER).build() : b.weightInit(new NormalDistribution(0, std)).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        List<String> warnings = new ArrayList<>();
        new Trainer(TrainingObserver.SILENT).fit(net, GradientDescent.MINI_BATCH.iterator(IRIS, 42), IRIS, null,
                new TrainingPlan(20, 0, null, false, List.of(new Diagnostics(warnings::add))));
        return warnings;
    }

    private static boolean has(List<String> warnings, String text) {
        return warnings.stream().anyMatch(w -> w.contains(text));
    }

    @Test
    void saturatedTanhUnitsAreNamedAndXavierTanhIsNot() {
        List<String> large = warnings(Activation.TANH, 2, 10.0);
        assertTrue(has(large, "units are saturated"), large.toString());
        List<String> xavier = warnings(Activation.TANH, 2, null);
        assertFalse(has(xavier, "saturated"), xavier.toString());
    }
}
