package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dlkit.Classifier;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dlkit.backend.Backends;
import org.dlkit.data.LabelledData;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * A checkpoint records which engine trained where, and {@code --resume} under auto keeps that device: a run that
     * trained on the GPU does not go on on the CPU silently where the GPU cannot be used (a missing driver here);
     * {@code --backend cpu} continues it on the CPU.
     */
    @Test
    void aRunThatTrainedOnTheGpuKeepsThatDeviceOnResume() throws IOException {
        Assumptions.assumeTrue(Backends.gpuPresent().isEmpty(), "a GPU is here: the refusal needs a machine without");
        ObjectMapper json = new ObjectMapper();
        Path out = copy("gpu-run");
        Path state = latest(out).resolve("state.json");
        ObjectNode recorded = (ObjectNode) json.readTree(state.toFile());
        assertEquals("dlkit-cpu", recorded.path("engine").asText(), "the CPU engine trained the template: " + recorded);
        recorded.put("engine", "dlkit-cuda");
        json.writeValue(state.toFile(), recorded);
        assertBadInput(CliRun.of("train", "--resume", out.toString()), "dlkit: --resume: this run trained on the GPU "
                + "with dlkit's engine and keeps that device, which cannot be used here: ");
        assertTrue(Files.isRegularFile(state) && !Files.exists(out), "the interrupted run is left as it was");
        CliRun cpu = CliRun.of("train", "--resume", out.toString(), "--backend", "cpu");
        assertEquals(0, cpu.exitCode(), cpu.err());
        assertTrue(cpu.out().contains("engine dlkit on the CPU (auto: dlkit's engine trains this network; ND4J "
                + "prepares data and evaluates)"), cpu.out());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
    }
}
