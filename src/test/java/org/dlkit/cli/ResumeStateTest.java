package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dlkit.Classifier;
import org.dlkit.data.LabelledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --resume} on an interrupted run whose state was damaged (by hand or by the disk): one line naming the
 * file and how to go on, exit code 2; the undamaged state resumes.
 */
class ResumeStateTest {

    @TempDir
    static Path dir;
    /** The state of an interrupted iris run: command.json and the checkpoints of epochs 2 to 4. */
    static Path template;

    @BeforeAll
    static void interruptedRun() throws IOException {
        template = dir.resolve("template.partial");
        Classifier.builder().epochs(4).checkpoints(template.resolve("checkpoints"), 1).build()
                .fit(LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species"));
        new ObjectMapper().writeValue(template.resolve("command.json").toFile(), Map.of(
                "arguments", List.of("--data", "datasets/iris.csv", "--epochs", "6"),
                "working_directory", Path.of("").toAbsolutePath().toString()));
    }

    /** A copy of the interrupted run's state as {@code NAME.partial}; returns {@code NAME}, the run's --out. */
    private static Path copy(String name) throws IOException {
        Path partial = dir.resolve(name + ".partial");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path f : files.toList()) {
                Files.copy(f, partial.resolve(template.relativize(f).toString()));
            }
        }
        return dir.resolve(name);
    }

    private static Path latest(Path out) {
        return out.resolveSibling(out.getFileName() + ".partial").resolve("checkpoints").resolve("epoch-0004");
    }

    @Test
    void undamagedStateResumes() throws IOException {
        Path out = copy("intact");
        CliRun run = CliRun.of("train", "--resume", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("resumed from the checkpoint of epoch 4"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
    }

    @Test
    void damagedCommandFile() throws IOException {
        Path out = copy("bad-json");
        Files.writeString(out.resolveSibling("bad-json.partial").resolve("command.json"), "{ not json");
        assertBadInput(CliRun.of("train", "--resume", out.toString()),
                "bad-json.partial/command.json: not readable (");
        Path noList = copy("no-list");
        Files.writeString(noList.resolveSibling("no-list.partial").resolve("command.json"), "{\"arguments\": 5}");
        assertBadInput(CliRun.of("train", "--resume", noList.toString()),
                "no-list.partial/command.json: 'arguments' is missing or not a list");
    }

    @Test
    void damagedCheckpointNamesTheOneBeforeIt() throws IOException {
        Path out = copy("bad-best");
        Files.writeString(latest(out).resolve("best-params.bin"), "garbage");
        assertBadInput(CliRun.of("train", "--resume", out.toString()), "epoch-0004: not a readable checkpoint (");
        Path truncated = copy("bad-zip");
        Path zip = latest(truncated).resolve("model.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        CliRun run = CliRun.of("train", "--resume", truncated.toString());
        assertBadInput(run, "epoch-0004: not a readable checkpoint (");
        assertTrue(run.err().contains("delete that folder to resume from the checkpoint before it"), run.err());
    }
}
