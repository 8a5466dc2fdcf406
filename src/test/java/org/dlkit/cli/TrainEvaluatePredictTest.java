package org.dlkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end on the bundled iris data: train, evaluate, predict, and the same seed gives the same metrics. */
class TrainEvaluatePredictTest {

    @TempDir
    Path dir;

    @Test
    void trainEvaluatePredictRoundTrip() throws IOException {
        Path model = dir.resolve("iris-model");
        CliRun train = CliRun.of("train", "--data", "datasets/iris.csv", "--out", model.toString(), "--print-config");
        assertEquals(0, train.exitCode(), train.err());
        for (String stage : List.of("prepare input data", "prepare the data pipeline", "define the network",
                "initialise all variables", "train the network", "supervise the training")) {
            assertTrue(train.out().contains(stage), "stage '" + stage + "' printed");
        }
        assertTrue(train.out().contains("\"activationFn\""), "--print-config shows DL4J's JSON");
        assertTrue(train.out().contains("confusion matrix"));

        JsonNode meta = new ObjectMapper().readTree(model.resolve("metadata.json").toFile());
        double accuracy = meta.at("/metrics/accuracy").asDouble();
        assertTrue(accuracy >= 0.9, "iris test accuracy " + accuracy);
        assertEquals("species", meta.get("label_name").asText());
        assertEquals(42, meta.get("seed").asLong());
        assertEquals(3, meta.get("class_names").size());
        assertTrue(meta.at("/configuration/confs").isArray(), "DL4J configuration stored");
        assertTrue(Files.size(model.resolve("model.zip")) > 1000);

        Path json = dir.resolve("eval.json");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", "datasets/iris.csv",
                "--json", json.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(new ObjectMapper().readTree(json.toFile()).get("accuracy").asDouble() > 0.9);

        Path predictions = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", "datasets/iris.csv",
                "--out", predictions.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("line,predicted,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertEquals(151, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("2", first[0]);
        assertEquals("setosa", first[1]);
        double sum = Double.parseDouble(first[2]) + Double.parseDouble(first[3]) + Double.parseDouble(first[4]);
        assertEquals(1.0, sum, 1e-5);

        CliRun again = CliRun.of("train", "--data", "datasets/iris.csv", "--out", model.toString(), "--force");
        assertEquals(0, again.exitCode(), again.err());
        JsonNode meta2 = new ObjectMapper().readTree(model.resolve("metadata.json").toFile());
        assertEquals(meta.get("metrics"), meta2.get("metrics"), "same seed, same metrics");
        try (var siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left behind");
        }
    }

    @Test
    void predictWithoutOutWritesCsvToStandardOutput() {
        Path model = dir.resolve("m");
        assertEquals(0, CliRun.of("train", "--out", model.toString(), "--epochs", "3").exitCode());
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", "datasets/iris.csv");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(151, predict.out().strip().split("\n").length);
    }
}
