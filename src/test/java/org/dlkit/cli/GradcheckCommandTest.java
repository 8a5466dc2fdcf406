package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradcheckCommandTest {

    private final StringWriter out = new StringWriter();
    private Exception thrown;

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GradcheckCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            thrown = e;
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void initTakesTrainsWeightInitNamesAsWellAsDl4js() {
        assertEquals(0, run("--hidden", "5", "--activation", "elu", "--init", "He_Normal"));
        assertTrue(out.toString().contains("PASSED"), out.toString());
        assertEquals(2, run("--init", "xavier_legacy"));                 // DL4J's, but not one the engine has
        assertTrue(thrown.getMessage().startsWith("--init: weight init xavier_legacy is not supported here"),
                thrown.getMessage());
        assertEquals(2, run("--init", "bogus"));
        assertTrue(thrown.getMessage().startsWith("--init: unknown weight init 'bogus': expected one of "
                + "zero (zeros), small_random (small), xavier ("), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith(" (or a DL4J WeightInit name such as relu)"), thrown.getMessage());
    }

    @Test
    void architectureOptionsOnARandomBatchPass() {
        assertEquals(0, run("--hidden", "6,5", "--activation", "relu", "--loss", "mse", "--init", "relu", "--l2",
                "0.01"));
        assertTrue(out.toString().contains("Gradient check of 4-6-5-3 MSE") && out.toString().contains("PASSED"),
                out.toString());
    }

    @Test
    void csvRowsBecomeTheMiniBatch(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("flowers.csv");
        Files.writeString(csv, "a,b,c,species\n5.1,3.5,1.4,setosa\n7.0,3.2,4.7,versicolor\n6.3,3.3,6.0,virginica\n"
                + "4.9,3.0,1.4,setosa\n6.4,3.2,4.5,versicolor\n5.8,2.7,5.1,virginica\n");
        Path drawing = dir.resolve("graph.dot");
        assertEquals(0, run("--data", csv.toString(), "--rows", "4", "--hidden", "5", "--draw", drawing.toString()));
        assertTrue(out.toString().contains("3-5-3 MCXENT: 38 parameters, mini-batch 4"), out.toString());
        assertTrue(Files.readString(drawing).contains("0_W"));
    }

    @Test
    void failingCheckExitsWithOne(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(new ActivationELU(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        ModelSerializer.writeModel(net, dir.resolve("model.zip").toFile(), false);
        assertEquals(1, run("--model", dir.toString()));
        assertTrue(out.toString().contains("FAILED") && out.toString().contains("ignores alpha"), out.toString());
    }

    @Test
    void trainedDlkitModelOnItsOwnRowsPasses(@TempDir Path dir) {
        Path model = dir.resolve("iris");
        assertEquals(0, CliRun.of("train", "--out", model.toString(), "--epochs", "3").exitCode());
        CliRun check = CliRun.of("gradcheck", "--model", model.toString(), "--data", "datasets/iris.csv");
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains("4-32-3 MCXENT") && check.out().contains("PASSED"), check.out());
    }

    /**
     * Every activation of the catalogue, named as users type it, on odd shapes: one feature, one row, 12 classes, each
     * loss, 1 and 3 hidden layers with L2. No false alarm: every check passes.
     */
    @Test
    void everyCatalogueActivationByItsUsersNamePassesOnOddShapes() {
        for (String activation : new String[] {"Sigmoid", "TANH", "ReLU", "leaky_relu", "LeakyReLU", "PReLU", "elu",
                "softmax", "identity", "softplus", "softsign", "SELU", "swish"}) {
            for (String loss : new String[] {"mcxent", "xent", "mse"}) {
                out.getBuffer().setLength(0);
                assertEquals(0, run("--activation", activation, "--loss", loss, "--inputs", "1", "--rows", "1",
                        "--outputs", "12", "--hidden", "3"), activation + " " + loss + ": " + out + thrown);
                assertEquals(0, run("--activation", activation, "--loss", loss, "--inputs", "2", "--rows", "3",
                        "--outputs", "2", "--hidden", "4,3,5", "--l2", "0.05"), activation + " " + loss + ": " + out
                        + thrown);
                assertTrue(out.toString().contains("PASSED"), out.toString());
            }
        }
    }

    @Test
    void badOptionsAreUserErrors() {
        assertEquals(2, run("--activation", "swishy"));
        assertInstanceOf(DlkitException.class, thrown);
        assertTrue(thrown.getMessage().startsWith("--activation: unknown activation 'swishy': expected one of "
                + "sigmoid, tanh, relu, leaky_relu"), thrown.getMessage());
        assertEquals(2, run("--model", "/nonexistent-dir"));
        assertTrue(thrown.getMessage().contains("/nonexistent-dir: no such model directory"), thrown.getMessage());
        // library messages name parameters; the command names the flag that set them
        assertEquals(2, run("--rows", "0"));
        assertTrue(thrown.getMessage().startsWith("--rows: mini-batch size (rows) must be >= 1"), thrown.getMessage());
        assertEquals(2, run("--fd-of", "torch"));
        assertTrue(thrown.getMessage().startsWith("--fd-of: finite-difference source must be autodiff or dl4j"),
                thrown.getMessage());
        assertEquals(2, run("--fd-limit", "0"));
        assertTrue(thrown.getMessage().startsWith("--fd-limit: "), thrown.getMessage());
        assertEquals(2, run("--draw", "/"));   // a root has no file name: a clear error, not an NPE
        assertInstanceOf(DlkitException.class, thrown);
        assertTrue(thrown.getMessage().startsWith("--draw /: expected a file ending in .dot"), thrown.getMessage());
    }
}
