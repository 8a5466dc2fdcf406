package org.dlkit.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Checkpoint directories are ordered by epoch number, not as text; a checkpoint written in the background holds the
 * network as it was when it was taken, and a failed write is reported.
 */
class CheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void epochTenThousandComesAfterEpochNineThousandNineHundredNinetyNine() throws IOException {
        for (String name : List.of("epoch-9999", "epoch-10000", "epoch-0005", "epoch-20", "notes")) {
            Files.createDirectories(dir.resolve(name));
        }
        Checkpoints checkpoints = new Checkpoints(dir, 1, 3);
        assertEquals(List.of("epoch-0005", "epoch-20", "epoch-9999", "epoch-10000"),
                checkpoints.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(dir.resolve("epoch-10000"), checkpoints.latest().orElseThrow());
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static void step(MultiLayerNetwork net) {
        net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 5, 3), Nd4j.createFromArray(new float[][] {
                {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}})));
    }

    @Test
    void aCheckpointHoldsTheNetworkAsItWasWhenTakenWhileTrainingGoesOn() throws IOException {
        MultiLayerNetwork net = network();
        step(net);
        net.incrementEpochCount();
        INDArray params = net.params().dup();
        INDArray state = net.getUpdater().getStateViewArray().dup();
        Checkpoints checkpoints = new Checkpoints(dir, 1, 2);
        checkpoints.save(net, new History(), new EarlyStopping(0));
        for (int i = 0; i < 5; i++) {
            step(net); // changes the parameters while the checkpoint may still be being written
        }
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(
                checkpoints.latest().orElseThrow().resolve(Checkpoints.MODEL).toFile(), true);
        assertEquals(params, saved.params());
        assertEquals(state, saved.getUpdater().getStateViewArray());
        assertEquals(1, saved.getEpochCount());
        assertEquals(1, saved.getIterationCount());
    }

    @Test
    void aFailedBackgroundWriteIsReportedWhenTheCheckpointsAreNextUsed() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Checkpoints checkpoints = new Checkpoints(notADirectory, 1, 2);
        MultiLayerNetwork net = network();
        net.incrementEpochCount();
        checkpoints.save(net, new History(), new EarlyStopping(0));
        assertThrows(RuntimeException.class, checkpoints::awaitWrites);
        checkpoints.awaitWrites(); // reported once
    }
}
