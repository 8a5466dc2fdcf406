package org.dlkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.ActivationFunction;
import org.dlkit.activation.Activations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Every element-wise activation of the catalogue, those added for Keras' names (GELU, mish, hard sigmoid, hard tanh,
 * ReLU6) included, as the hidden activation of a 3-5-4-3 network: autodiff, DL4J's backprop and central finite
 * differences agree, autodiff and DL4J within 1e-9 (so the catalogue computes what DL4J computes, float32 constants
 * included).
 */
class CatalogueGradientCheckTest {

    static Stream<ActivationFunction> activations() {
        return Activations.all().stream().filter(ActivationFunction::elementWise);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void everyCatalogueActivationPassesTheThreeWayCheck(ActivationFunction activation) {
        for (long seed : new long[] {7, 8}) {
            MultiLayerNetwork net = CheckNetwork.builder().inputs(3).hidden(5, 4).outputs(3).activation(activation)
                    .loss(LossFunction.MCXENT).seed(seed).build();
            DataSet batch = CheckBatch.random(net, 5, seed);
            GradientCheckReport report = GradientAssertions.assertGradientsMatch(net, batch.getFeatures(),
                    batch.getLabels());
            for (GradientCheckReport.Block b : report.blocks()) {
                assertTrue(b.autodiffVsDl4j().maxRelError() <= 1e-9, activation + " seed " + seed + ": " + b);
            }
        }
    }
}
