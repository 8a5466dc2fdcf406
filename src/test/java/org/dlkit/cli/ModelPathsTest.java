package org.dlkit.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default model directory is named after the data: no {@code .csv.gz} left in it, {@code stdin} for {@code -}. */
class ModelPathsTest {

    private static String name(String data) {
        return ModelPaths.newModelDirectory(Path.of(data)).getFileName().toString();
    }

    @Test
    void namedAfterTheDataWithoutItsExtensions() {
        assertTrue(name("data/train.csv").matches("train-\\d{8}-\\d{6}(-\\d+)?"), name("data/train.csv"));
        assertTrue(name("train.csv.gz").matches("train-\\d{8}-\\d{6}(-\\d+)?"), name("train.csv.gz"));
        assertTrue(name("-").matches("stdin-\\d{8}-\\d{6}(-\\d+)?"), name("-"));
    }
}
