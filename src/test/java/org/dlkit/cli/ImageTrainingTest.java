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
        assertTrue(train.out().contains("784 inputs, 10 classes"), train.out());
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
}
