package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.data.LabelledData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagnostics' advice names the setting in the words of the interface the run came from: the CLI's flag after
 * {@code dlkit train}, the {@code Classifier.Builder} method after a Java {@code fit}. The same run (iris, SGD at rate
 * 10, whose updates are too large) both ways.
 */
class AdviceWordingTest {

    @TempDir
    Path dir;

    @Test
    void javaRunsAreToldTheBuilderMethod() {
        List<String> warnings = Classifier.builder().updater("sgd").learningRate(10).epochs(20).patience(0).seed(42)
                .build().fit(LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species")).training().warnings();
        String tooHigh = warnings.stream().filter(w -> w.contains("learning rate is likely too high")).findFirst()
                .orElseThrow(() -> new AssertionError("no too-large-updates warning: " + warnings));
        assertTrue(tooHigh.endsWith("try learningRate(1.0)"), tooHigh);
        assertFalse(warnings.stream().anyMatch(w -> w.contains("--")), "no CLI flag in a Java run's advice: " + warnings);
    }

    @Test
    void commandLineRunsAreToldTheFlag() {
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(),
                "--updater", "sgd", "--learning-rate", "10", "--epochs", "20", "--patience", "0");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String all = run.out() + run.err();
        List<String> warnings = all.lines().filter(l -> l.startsWith("warning:")).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("learning rate is likely too high; try --learning-rate "
                + "1.0")), all);
        assertFalse(warnings.stream().anyMatch(w -> w.contains("learningRate(")), "no builder method: " + warnings);
    }
}
