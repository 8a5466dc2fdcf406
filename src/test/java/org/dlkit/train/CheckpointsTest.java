package org.dlkit.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.InLocale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checkpoint directories are ordered by epoch number, not as text, and found in every locale. */
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

    /**
     * An Arabic JVM formats %04d as ٠٠٣٨; a checkpoint named so would not match epoch-\d+ and a resume would not find
     * it. Every locale writes epoch-0038.
     */
    @Test
    void checkpointsAreNamedWithAsciiDigitsInEveryLocale() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        net.setEpochCount(38);
        for (var locale : InLocale.HOSTILE) {
            Checkpoints checkpoints = new Checkpoints(dir.resolve(locale.toLanguageTag()), 1, 3);
            InLocale.run(locale, () -> checkpoints.save(net, new History(), new EarlyStopping(0, 0)));
            assertEquals(List.of(checkpoints.dir().resolve("epoch-0038")), checkpoints.list(), locale.toString());
        }
    }
}
