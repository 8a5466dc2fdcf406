package org.dlkit.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.Explanation;
import org.dlkit.TrainedClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code explain --model DIR} and {@link TrainedClassifier#explain()}: a saved model described as it is (its columns,
 * the DL4J layers as restored, its settings and metrics), not the network today's options would build.
 */
class ExplainModelTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path imageModel;

    @BeforeAll
    static void trainSmallModels() {
        model = dir.resolve("penguins");
        CliRun run = CliRun.of("train", "--data", "datasets/penguins.csv", "--label", "Species", "--hidden", "6,5",
                "--activation", "tanh", "--epochs", "2", "--out", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        imageModel = dir.resolve("digits");
        run = CliRun.of("train", "--images", "datasets/mnist-images", "--image-size", "5x4", "--epochs", "1",
                "--out", imageModel.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void theLayersAreTheSavedNetworksWithItsColumnsSettingsAndMetrics() {
        TrainedClassifier loaded = TrainedClassifier.load(model);
        MultiLayerNetwork net = loaded.network();
        Explanation explanation = loaded.explain();
        String text = explanation.toString();
        int inputs = loaded.info().featureNames().size();
        for (String expected : new String[] {
                "model: predicts Species (3 classes: Adelie, Chinstrap, Gentoo)",
                "features: 6 columns -> " + inputs + " inputs",
                "Island               categorical",
                String.format(Locale.ROOT, "layer 0  dense %d -> 6, %d parameters", inputs,
                        net.getLayer(0).numParams()),
                "layer 1  dense 6 -> 5, " + net.getLayer(1).numParams() + " parameters",
                "layer 2  output 5 -> 3, " + net.getLayer(2).numParams() + " parameters",
                "activation: tanh", "init: xavier, W ~ N(0, 2 / (n_in + n_out)) (DL4J WeightInitXavier)",
                "activation: softmax, loss: MCXENT",
                String.format(Locale.ROOT, "parameters: %,d", net.numParams()),
                "  hidden: [6, 5]", "  epochs: 2",
                String.format(Locale.ROOT, "held-out evaluation: accuracy %.4f",
                        (Double) loaded.storedMetrics().get("accuracy"))}) {
            assertTrue(text.contains(expected), "expected '" + expected + "' in:\n" + text);
        }
        assertEquals(net.getLayerWiseConfigurations().toJson(), explanation.configuration().toJson());
    }

    @Test
    void theCommandPrintsTheSavedModelAndTheImageSize() {
        CliRun run = CliRun.of("explain", "--model", imageModel.toString(), "--no-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("features: images resampled to 5x4 pixels, gray, scaled to [0, 1] -> 20 inputs"),
                run.out());
        assertTrue(run.out().contains("layer 0  dense 20 -> 32"), run.out());
        assertTrue(!run.out().contains("\"activationFn\""), "--no-config leaves the JSON out");
        CliRun withConfig = CliRun.of("explain", "--model", imageModel.toString());
        assertTrue(withConfig.out().contains("\"activationFn\""), withConfig.out());
    }

    @Test
    void theReportNamesTheImageSize() throws IOException {
        assertTrue(Files.readString(imageModel.resolve("report.html")).contains(
                ") from 5x4-pixel images (20 inputs); seed 42"), "report.html of an image model");
        assertTrue(Files.readString(model.resolve("report.html")).contains(") from 10 features; seed 42"),
                "report.html of a table model");
    }

    @Test
    void optionsForANewNetworkOrDataAreRefusedWithModel() {
        assertBadInput(CliRun.of("explain", "--model", model.toString(), "--hidden", "8"),
                "--hidden describes a new network or its data, but --model explains the saved one as it is; leave "
                        + "--hidden out, or --model");
        assertBadInput(CliRun.of("explain", "--model", model.toString(), "--data", "datasets/iris.csv"),
                "--data describes a new network or its data");
        assertBadInput(CliRun.of("explain", "--model", dir.resolve("absent").toString()),
                "absent: no such model directory");
    }
}
