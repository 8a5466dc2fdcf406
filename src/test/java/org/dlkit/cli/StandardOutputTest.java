package org.dlkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.dlkit.model.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs as a Unix user expects them: {@code -} is standard output for every file option and refused by directory
 * options; a reader that closes the pipe early ({@code | head -1}) stops dlkit quietly with 141, as SIGPIPE stops a
 * Unix tool; {@code --out /dev/stdout} redirected to a file is appended to, not renamed over.
 */
class StandardOutputTest {

    private static final String IRIS = "datasets/iris.csv";

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainSmallModel() {
        model = dir.resolve("iris-model");
        CliRun run = CliRun.of("train", "--data", IRIS, "--out", model.toString(), "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void evaluateJsonDashWritesTheJsonAloneToStandardOutput() throws IOException {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", IRIS, "--json", "-");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode metrics = Json.MAPPER.readTree(run.out()); // the whole of standard output parses
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, run.out());
        assertTrue(run.err().contains("accuracy"), "the table goes to standard error: " + run.err());
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }

    @Test
    void predictOutDashWritesTheCsvToStandardOutput() {
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(151, run.out().lines().count(), "a header and 150 rows");
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }

    @Test
    void directoryOptionsRefuseDash() {
        List<List<String>> commands = List.of(
                List.of("train", "--data", IRIS, "--out", "-", "--epochs", "1"),
                List.of("plot", "activations", "--out", "-"),
                List.of("gradient-descent", "--plot", "-", "--epochs", "1"),
                List.of("evaluate", "--model", "-", "--data", IRIS));
        for (List<String> args : commands) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String option = args.get(args.indexOf("-") - 1);
            assertEquals(2, run.exitCode(), args + ": " + run.err());
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.errors().startsWith("dlkit: " + option + ": '-' (standard input or output) cannot be a "
                    + "directory; expected a directory name"), run.err());
            assertFalse(Files.exists(Path.of("-")), args + " created '-'");
        }
    }

    @Test
    void standardInputPipesAndGzipAreReadLikeTheFile() throws Exception {
        CliRun fromFile = CliRun.of("predict", "--model", model.toString(), "--data", IRIS);
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        InputStream stdin = System.in;
        CliRun dash;
        try { // zcat rows.csv.gz | dlkit predict --data -
            System.setIn(new java.io.ByteArrayInputStream(gzip(Files.readAllBytes(Path.of(IRIS)))));
            dash = CliRun.of("predict", "--model", model.toString(), "--data", "-");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, dash.exitCode(), dash.err());
        assertEquals(fromFile.out(), dash.out());
        Path fifo = dir.resolve("rows-fifo"); // dlkit predict --data <(cat iris.csv)
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(Path.of(IRIS), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CliRun pipe = CliRun.of("predict", "--model", model.toString(), "--data", fifo.toString());
        writer.join();
        assertEquals(0, pipe.exitCode(), pipe.err());
        assertEquals(fromFile.out(), pipe.out());
    }

    @Test
    void explainNamesStandardInputAsSuch() throws IOException {
        InputStream stdin = System.in;
        CliRun run;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(Path.of(IRIS))));
            run = CliRun.of("explain", "--data", "-");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("standard input: 4 feature columns, 3 classes"), run.out());
    }

    @Test
    void anEmptyStandardInputIsOneLineAndWritesNothing() {
        InputStream stdin = System.in;
        CliRun run;
        try {
            System.setIn(InputStream.nullInputStream());
            run = CliRun.of("train", "--data", "-", "--out", dir.resolve("none").toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.errors().startsWith("dlkit: standard input: the file is empty"), run.err());
        assertFalse(Files.exists(dir.resolve("none")), "nothing written");
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aClosedStandardOutputEndsQuietlyWith141() {
        StringWriter err = new StringWriter();
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        int code = Main.run(new PrintWriter(closedPipe, true), new PrintWriter(err, true),
                "predict", "--model", model.toString(), "--data", IRIS);
        assertEquals(141, code, err.toString());
        assertEquals("", new CliRun(code, "", err.toString()).errors(), "nothing to say about a closed pipe");
    }

    @Test
    void aPipeClosedByItsReaderEndsQuietlyWith141() throws Exception {
        // more rows than a pipe buffers (64 KiB), so that the writer is still writing when the reader leaves
        StringBuilder csv = new StringBuilder(Files.readString(Path.of(IRIS)));
        List<String> rows = Files.readAllLines(Path.of(IRIS)).subList(1, 151);
        for (int i = 0; i < 20; i++) {
            rows.forEach(r -> csv.append(r).append('\n'));
        }
        Path data = Files.writeString(dir.resolve("many.csv"), csv);
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread head = new Thread(() -> { // head -c 10: reads a little, then closes the pipe
            try (InputStream in = new FileInputStream(fifo.toFile())) {
                in.read(new byte[10]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        head.start();
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                fifo.toString());
        head.join();
        assertEquals(141, run.exitCode(), run.err());
        assertEquals("", run.errors(), "nothing to say about a closed pipe");
    }

    @Test
    void aFullDiskOnStandardOutputIsReported() throws Exception {
        Path err = dir.resolve("full.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "predict", "--model",
                model.toString(), "--data", IRIS)
                .redirectOutput(new java.io.File("/dev/full")).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child finished");
        String printed = Files.readString(err);
        assertEquals(2, child.exitValue(), printed);
        assertTrue(printed.contains("dlkit: standard output: cannot write (is the disk full?)"), printed);
    }

    @Test
    void devStdoutRedirectedToAFileIsAppendedTo() throws Exception {
        Path file = Files.writeString(dir.resolve("redirected.csv"), "printed before\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "predict", "--model",
                model.toString(), "--data", IRIS, "--out", "/dev/stdout")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                .redirectError(dir.resolve("child.err").toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child finished");
        String err = Files.readString(dir.resolve("child.err"));
        assertEquals(0, child.exitValue(), err);
        List<String> lines = Files.readAllLines(file);
        assertEquals("printed before", lines.get(0), "what was there is kept, as with >>");
        assertTrue(lines.get(1).startsWith("line,predicted,p_setosa"), lines.get(1));
        assertEquals(152, lines.size());
    }
}
