package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.dataset.DataSet;

class ThroughputTest {

    @BeforeAll
    static void cpu() {
        Backends.start(BackendChoice.CPU);
    }

    @Test
    void standardMlpIs784x512x256x10WithReluAndSoftmax() {
        MultiLayerNetwork net = Throughput.standardMlp(42);
        assertEquals(784L * 512 + 512 + 512L * 256 + 256 + 256L * 10 + 10, net.numParams());
        assertTrue(((DenseLayer) net.getLayer(0).conf().getLayer()).getActivationFn() instanceof ActivationReLU);
        assertTrue(((OutputLayer) net.getLayer(2).conf().getLayer()).getActivationFn()
                instanceof ActivationSoftmax);
        assertArrayEquals(Throughput.standardMlp(42).params().toFloatVector(), net.params().toFloatVector(), 0f,
                "the same seed gives exactly the same weights");
    }

    @Test
    void syntheticDataIsSeededOneHot() {
        List<DataSet> data = Throughput.syntheticBatches(16, 7);
        assertEquals(8, data.size());
        DataSet first = data.get(0);
        assertEquals(16, first.getFeatures().rows());
        assertEquals(784, first.getFeatures().columns());
        assertEquals(16.0, first.getLabels().sumNumber().doubleValue());
        assertEquals(1.0, first.getLabels().max(1).minNumber().doubleValue());
        assertEquals(first, Throughput.syntheticBatches(16, 7).get(0));
        assertNotEquals(first, Throughput.syntheticBatches(16, 8).get(0));
    }

    @Test
    void measuresStepsAfterWarmUp() {
        Throughput.Result result = Throughput.measure(16, 0.3, 0.1, 42);
        assertEquals("CpuBackend", result.backend());
        assertTrue(result.steps() >= 1 && result.seconds() >= 0.3, result.toString());
        assertEquals(result.steps() * 16 / result.seconds(), result.examplesPerSecond(), 1e-6);
    }
}
