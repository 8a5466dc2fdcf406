package org.dlkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input gets exit code 2, a one-line message naming what is wrong, no stack trace, and nothing written. */
class BadInputTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainSmallModel() {
        model = dir.resolve("model");
        CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", model.toString(), "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
    }

    static Stream<Arguments> badTrainingFiles() {
        String header = "a,b,label\n";
        return Stream.of(
                Arguments.of("empty file", "", "empty"),
                Arguments.of("header only", header, "only a header"),
                Arguments.of("Inf", header + "1,2,x\n-Infinity,4,y\n", "line 3, column 'a': '-Infinity' is not a finite"),
                Arguments.of("overflow", header + "1,2,x\n1e999,4,y\n", "out of the range"),
                Arguments.of("ragged row", header + "1,2,x\n3,4\n", "line 3: 2 cells, expected 3"),
                Arguments.of("only one class", header + "1,2,x\n3,4,x\n5,6,x\n", "only one class"),
                Arguments.of("class too small", header + "1,2,x\n3,4,x\n5,6,x\n7,8,y\n", "class 'y' has 1 row"),
                Arguments.of("fewer rows than classes", header + "1,2,x\n3,4,y\n5,6,z\n", "class 'x' has 1 row"),
                Arguments.of("one class after dropping unlabelled rows", header + "1,2,x\n3,4,\n5,6,NA\n",
                        "column 'label': one class ('x') left after leaving out 2 rows with a missing label"),
                Arguments.of("all-missing column", header + "1,,x\n3,NA,y\n5,?,x\n7,,y\n9,,x\n11,#N/A,y\n",
                        "column 'b': no values (all 6 cells are missing); pass --ignore b"),
                Arguments.of("duplicate header", "a,a,label\n1,2,x\n", "names column 'a' twice"),
                Arguments.of("single column", "label\nx\ny\n", "only one column"),
                Arguments.of("continuous label", continuousLabel(), "label 'label' has 60 distinct numeric values "
                        + "in 60 rows: it looks continuous, and dlkit trains classifiers; pick a class column with "
                        + "--label, or bin the values into classes"),
                Arguments.of("unterminated quote", header + "1,\"2,x\n3,4,y\n", "line 2: not valid CSV"),
                Arguments.of("extra cell", header + "1,2,x,y\n", "line 2: 4 cells, expected 3"));
    }

    /** 60 rows whose label is a price: 60 distinct fractional numbers. */
    private static String continuousLabel() {
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 5).append(',').append(i % 3).append(',').append(10 + i * 0.37).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTrainingFiles")
    void badTrainingFileIsOneLineExitTwo(String name, String content, String expected) throws IOException {
        Path csv = dir.resolve(name.replace(' ', '-') + ".csv");
        Files.writeString(csv, content);
        Path out = dir.resolve("out-" + name.replace(' ', '-'));
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--out", out.toString(), "--epochs", "1");
        assertBadInput(run, expected);
        assertTrue(run.err().contains(csv.toString()), "names the file: " + run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void fewerRowsThanClassesIsNamed() throws IOException {
        Path csv = dir.resolve("tiny.csv");
        Files.writeString(csv, "a,label\n1,x\n2,y\n");
        assertBadInput(CliRun.of("train", "--data", csv.toString(), "--out", dir.resolve("o1").toString()), "has 1 row");
        Path csv2 = dir.resolve("tiny2.csv");
        Files.writeString(csv2, "a,label\n1,x\n");
        assertBadInput(CliRun.of("train", "--data", csv2.toString(), "--out", dir.resolve("o2").toString()), "only one class");
    }

    @Test
    void missingFile() {
        assertBadInput(CliRun.of("train", "--data", dir.resolve("nope.csv").toString()), "nope.csv: file not found");
    }

    @Test
    void labelColumnNotFoundListsColumns() {
        assertBadInput(CliRun.of("train", "--label", "kind", "--out", dir.resolve("o3").toString()),
                "no column 'kind'; the columns are: sepal_length, sepal_width, petal_length, petal_width, species");
    }

    @Test
    void hiddenSizeMustBePositive() {
        assertBadInput(CliRun.of("train", "--hidden", "16,0", "--out", dir.resolve("o4").toString()), "hidden layer size 0");
        assertBadInput(CliRun.of("train", "--hidden", "-3", "--out", dir.resolve("o4").toString()), "hidden layer size -3");
        assertFalse(Files.exists(dir.resolve("o4")));
    }

    @Test
    void epochsMustBePositive() {
        assertBadInput(CliRun.of("train", "--epochs", "0", "--out", dir.resolve("o5").toString()), "--epochs: epochs 0");
        assertBadInput(CliRun.of("train", "--epochs", "abc"), "--epochs");
    }

    @Test
    void unknownOptionValues() {
        assertBadInput(CliRun.of("train", "--activation", "bogus"), "--activation: unknown activation rule 'bogus'");
        assertBadInput(CliRun.of("train", "--gradient-descent", "fast"), "gradient-descent mode 'fast' is unknown");
        assertBadInput(CliRun.of("train", "--learning-rate", "-1"), "--learning-rate");
        assertBadInput(CliRun.of("train", "--test-fraction", "1.5"), "test fraction 1.5");
    }

    @Test
    void existingOutputDirectoryIsNotOverwritten() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        assertBadInput(CliRun.of("train", "--out", existing.toString(), "--epochs", "1"), "already exists");
        assertEquals("mine", Files.readString(existing.resolve("keep.txt")));
    }

    @Test
    void modelDirectoryWithFilesMissing() throws IOException {
        Path incomplete = Files.createDirectories(dir.resolve("incomplete"));
        Files.copy(model.resolve("metadata.json"), incomplete.resolve("metadata.json"));
        assertBadInput(CliRun.of("evaluate", "--model", incomplete.toString(), "--data", "datasets/iris.csv"),
                "model.zip is missing");
        assertBadInput(CliRun.of("predict", "--model", dir.resolve("absent").toString(), "--data", "datasets/iris.csv"),
                "no such model directory");
    }

    @Test
    void corruptModelZip() throws IOException {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.copy(model.resolve("metadata.json"), corrupt.resolve("metadata.json"));
        Files.copy(model.resolve("transform.json"), corrupt.resolve("transform.json"));
        Files.writeString(corrupt.resolve("model.zip"), "this is not a zip file");
        assertBadInput(CliRun.of("predict", "--model", corrupt.toString(), "--data", "datasets/iris.csv"),
                "model.zip: not a readable DL4J model");
    }

    @Test
    void corruptMetadata() throws IOException {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt-meta"));
        Files.copy(model.resolve("model.zip"), corrupt.resolve("model.zip"));
        Files.copy(model.resolve("transform.json"), corrupt.resolve("transform.json"));
        Files.writeString(corrupt.resolve("metadata.json"), "{ not json");
        assertBadInput(CliRun.of("evaluate", "--model", corrupt.toString(), "--data", "datasets/iris.csv"),
                "metadata.json: not valid model metadata");
    }

    @Test
    void predictCsvWithOtherColumns() throws IOException {
        Path csv = dir.resolve("other-columns.csv");
        Files.writeString(csv, "sepal_length,sepal_width,petal_len,petal_width\n1,2,3,4\n");
        Path out = dir.resolve("pred.csv");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", out.toString()),
                "missing: petal_length) (unexpected: petal_len)");
        assertFalse(Files.exists(out));
    }

    @Test
    void evaluateWithUnknownClass() throws IOException {
        Path csv = dir.resolve("unknown-class.csv");
        Files.writeString(csv, "sepal_length,sepal_width,petal_length,petal_width,species\n1,2,3,4,rose\n");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString()),
                "line 2, column 'species': unknown class 'rose'");
    }

    @Test
    void predictionsFileIsNotOverwritten() throws IOException {
        Path out = dir.resolve("taken.csv");
        Files.writeString(out, "keep");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", "datasets/iris.csv",
                "--out", out.toString()), "already exists");
        assertEquals("keep", Files.readString(out));
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("train", "--verbose", "--data", dir.resolve("nope.csv").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("DlkitException"), run.err());
    }

    static void assertBadInput(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), "exit code; stderr: " + run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        if (!run.err().startsWith("dlkit: Missing") && !run.err().contains("--help")) {
            assertTrue(run.oneLineError(), "one line, no stack trace: " + run.err());
        }
    }
}
