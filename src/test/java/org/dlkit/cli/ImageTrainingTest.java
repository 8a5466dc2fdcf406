package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Card 25 from the command line: a folder of MNIST digits at mixed sizes trains well above chance (0.1). */
class ImageTrainingTest {

    @TempDir
    Path dir;

    @Test
    void mixedSizeImageFolderTrainsEvaluatesAndPredicts() throws IOException {
        Path model = dir.resolve("mnist");
        CliRun train = CliRun.of("train", "--images", "datasets/mnist-images", "--out", model.toString(),
                "--epochs", "30");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("600 images at 28x28 pixels -> 784 inputs, 10 classes"), train.out());
        assertTrue(train.out().contains("standardisation learnt from the training images\n    784 numeric columns"),
                "no table schema or imputation for pixels: " + train.out());
        double accuracy = new ObjectMapper().readTree(model.resolve("metadata.json").toFile()).at("/metrics/accuracy").asDouble();
        assertTrue(accuracy > 0.6, "10 classes, chance is 0.1; got " + accuracy);

        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--images", "datasets/mnist-images");
        assertEquals(0, evaluate.exitCode(), evaluate.err());

        Path predictions = dir.resolve("p.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--images", "datasets/mnist-images/7",
                "--out", predictions.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("file,predicted,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        long sevens = lines.stream().skip(1).filter(l -> l.split(",")[1].equals("7")).count();
        assertTrue(sevens > (lines.size() - 1) / 2, "most sevens predicted as 7: " + sevens + " of " + (lines.size() - 1));

        BadInputTest.assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", "datasets/iris.csv"),
                "--data: the model was trained on images (28x28 pixels), not CSV columns; use --images DIR");
        BadInputTest.assertBadInput(CliRun.of("evaluate", "--model", model.toString()), "expected --data CSV or --images DIR");
    }

    /**
     * Reading images starts ND4J, so train starts the backend (which loads dlkit's OpenBLAS first) before it reads
     * them: dlkit's engine then multiplies on the same BLAS for an image folder as for a CSV. Fresh JVMs, because the
     * backend starts once per JVM.
     */
    @Test
    void anImageFolderTrainsOnTheSameBlasAsACsv() throws Exception {
        for (int i = 0; i < 10; i++) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(i % 8, i / 2 % 8, 0, 255);
            Path file = dir.resolve("images/" + (i % 2 == 0 ? "even" : "odd") + "/" + i + ".png");
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(image, "png", file.toFile());
        }
        String csv = engineDevice("--data", "datasets/iris.csv");
        String images = engineDevice("--images", dir.resolve("images").toString(), "--image-size", "8x8");
        assertEquals(csv, images);
    }

    /** The "engine device:" line of a one-epoch train with dlkit's engine in a fresh JVM. */
    private String engineDevice(String... input) throws Exception {
        Path out = dir.resolve("model-" + input[0].substring(2));
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "org.dlkit.cli.Main", "train", "--engine", "dlkit", "--epochs",
                "1", "--out", out.toString()));
        command.addAll(List.of(input));
        Path log = dir.resolve(out.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child finishes");
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), output);
        return output.lines().filter(l -> l.contains("engine device:")).findFirst().orElseThrow(() ->
                new AssertionError("no engine device line in " + output));
    }
}
