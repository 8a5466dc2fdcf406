package org.dlkit.gradcheck;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient checks as test assertions (JUnit 5 or any framework that treats {@link AssertionError} as a failure):
 *
 * <pre>{@code
 * @Test void myNetworkHasCorrectGradients() {
 *     GradientAssertions.assertGradientsMatch(net, features, labels);
 * }
 * }</pre>
 *
 * On failure the message is the {@link GradientCheckReport} table.
 */
public final class GradientAssertions {

    private GradientAssertions() {
    }

    /** Passes when autodiff, DL4J and finite differences agree under the default tolerances; returns the report. */
    public static GradientCheckReport assertGradientsMatch(MultiLayerNetwork net, INDArray features, INDArray labels) {
        return assertGradientsMatch(net, features, labels, GradientCheckOptions.defaults());
    }

    public static GradientCheckReport assertGradientsMatch(MultiLayerNetwork net, INDArray features, INDArray labels,
                                                           GradientCheckOptions options) {
        GradientCheckReport report = GradientCheck.of(net, features, labels, options);
        if (!report.passed()) {
            throw new AssertionError(System.lineSeparator() + report);
        }
        return report;
    }
}
